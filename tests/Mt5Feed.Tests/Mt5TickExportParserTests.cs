using TradingCore.Mt5Feed.Replay;

namespace TradingCore.Mt5Feed.Tests;

public sealed class Mt5TickExportParserTests
{
    [Fact]
    public void TryParse_FullLine_ReadsEveryColumn()
    {
        Assert.True(Mt5TickExportParser.TryParse("2022.11.10\t15:00:00.017\t0.86682\t0.86712\t0.86700\t3\t30", out var row, out var error), error);

        Assert.Equal(new DateTimeOffset(2022, 11, 10, 15, 0, 0, 17, TimeSpan.Zero).ToUnixTimeMilliseconds(), row.ServerTimeMs);
        Assert.Equal(0.86682m, row.Bid);
        Assert.Equal(0.86712m, row.Ask);
        Assert.Equal(0.86700m, row.Last);
        Assert.Equal(3m, row.Volume);
        Assert.Equal(30u, row.Flags);
    }

    [Fact]
    public void TryParse_BlankSides_AreNullNotZero()
    {
        Assert.True(Mt5TickExportParser.TryParse("2022.11.10\t15:00:00.017\t\t0.86712\t\t\t4", out var row, out _));

        Assert.Null(row.Bid);
        Assert.Equal(0.86712m, row.Ask);
        Assert.Null(row.Last);
        Assert.Null(row.Volume);
    }

    [Fact]
    public void TryParse_TimeWithoutMillisecondsAndTrailingTabAndCr_IsAccepted()
    {
        Assert.True(Mt5TickExportParser.TryParse("2022.11.10\t15:00:01\t1.1\t1.2\t\t\t6\t\r", out var row, out var error), error);

        Assert.Equal(new DateTimeOffset(2022, 11, 10, 15, 0, 1, TimeSpan.Zero).ToUnixTimeMilliseconds(), row.ServerTimeMs);
    }

    [Fact]
    public void TryParse_UnknownFlagBits_AreKept()
    {
        Assert.True(Mt5TickExportParser.TryParse("2022.11.10\t15:00:00.017\t1.1\t1.2\t\t\t1080", out var row, out _));

        Assert.Equal(1080u, row.Flags);
    }

    [Theory]
    [InlineData("2022-11-10\t15:00:00.017\t1.1\t1.2\t\t\t6", "<DATE>")]
    [InlineData("2022.02.30\t15:00:00.017\t1.1\t1.2\t\t\t6", "<DATE>")]
    [InlineData("2022.11.10\t25:00:00.017\t1.1\t1.2\t\t\t6", "<TIME>")]
    [InlineData("2022.11.10\t15:00:00.017\t1,1\t1.2\t\t\t6", "decimal")]
    [InlineData("2022.11.10\t15:00:00.017\t-1.1\t1.2\t\t\t6", "positive")]
    [InlineData("2022.11.10\t15:00:00.017\t1.1\t1.2\t\t\t-6", "<FLAGS>")]
    [InlineData("2022.11.10\t15:00:00.017\t1.1", "columns")]
    [InlineData("2022.11.10\t15:00:00.017\t1.1\t1.2\t\t\t6\t9", "columns")]
    public void TryParse_Malformed_NamesTheField(string line, string expected)
    {
        Assert.False(Mt5TickExportParser.TryParse(line, out _, out var error));

        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void IsHeader_RecognisesTheMt5Header()
    {
        Assert.True(Mt5TickExportParser.IsHeader(Mt5TickExportParser.Header));
        Assert.False(Mt5TickExportParser.IsHeader("2022.11.10\t15:00:00.017\t1.1\t1.2\t\t\t6"));
    }
}
