using System.Globalization;
using System.Text;
using TradingCore.Persistence;

namespace TradingCore.Tests;

/// <summary>
/// The projection binds decimals as the text Microsoft.Data.Sqlite writes (the custom format "0.0###..."): the direct
/// writer must give exactly that text for every decimal, on its fast path and off it.
/// </summary>
public sealed class DecimalTextTests
{
    public static TheoryData<decimal> Edges => new()
    {
        0m, -0m, 0.0000m, -0.0000m, decimal.Negate(0m), decimal.Negate(0.00m), 1m, -1m, 1.10000m, 1.1m, 100000m, 100000.000m, -1234.56m, 0.000000001m, -0.000000001m,
        0.1234567890123456789m, 9223372036854775807m, -9223372036854775807m, 9223372036854775808m, 922337203685477580.7m,
        0.0000000000000000000000000001m, 7.9228162514264337593543950335m, decimal.MaxValue, decimal.MinValue,
        18446744073709551615m, 1.0000000000000000001m, 123456789.987654321m,
    };

    [Theory]
    [MemberData(nameof(Edges))]
    public void WritesWhatTheFormatStringWrites(decimal value) => AssertSameText(value);

    [Fact]
    public void WritesWhatTheFormatStringWrites_ForRandomDecimals()
    {
        var random = new Random(20261206);
        for (var sample = 0; sample < 200_000; sample++)
        {
            // Mostly values of the fast path (the high 32 bits empty), some beyond it, every scale and sign.
            var high = sample % 10 == 0 ? random.Next() : 0;
            var value = new decimal(random.Next(), random.Next(int.MinValue, int.MaxValue), high, random.Next(2) == 0, (byte)random.Next(29));
            AssertSameText(value);
        }
    }

    [Fact]
    public void RefusesADestinationTooShort_WithoutWritingPastIt()
    {
        Span<byte> buffer = stackalloc byte[6];

        Assert.False(DecimalText.TryWrite(-1234.56m, buffer[..5], out _));
        Assert.True(DecimalText.TryWrite(1.25m, buffer[..4], out var written));
        Assert.Equal("1.25", Encoding.UTF8.GetString(buffer[..written]));
    }

    private static void AssertSameText(decimal value)
    {
        Span<byte> buffer = stackalloc byte[64];
        Assert.True(DecimalText.TryWrite(value, buffer, out var written));
        Assert.Equal(value.ToString(DecimalText.Format, CultureInfo.InvariantCulture), Encoding.UTF8.GetString(buffer[..written]));
    }
}
