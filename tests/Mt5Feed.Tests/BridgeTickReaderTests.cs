using System.Globalization;
using System.Text;
using TradingCore.Mt5Feed.Bridge;

namespace TradingCore.Mt5Feed.Tests;

/// <summary>
/// The tick fast path answers only what the general parser would answer the same way: for every frame it accepts,
/// the general parser accepts it too and reads the same tick (values and decimal scales).
/// </summary>
public sealed class BridgeTickReaderTests
{
    private static readonly IReadOnlyList<KeyValuePair<byte[], string>> Announced =
        [new("EURUSD"u8.ToArray(), "EURUSD"), new("XAUUSD"u8.ToArray(), "XAUUSD")];

    [Theory]
    [InlineData("""{"type":"tick","symbol":"EURUSD","time_msc":1767225600000,"bid":"1.10000","ask":"1.10010","last":"0","volume":0,"flags":6}""")]
    [InlineData("""{"flags":6,"volume":3,"last":"1.1","ask":"2400.5","bid":"2400.1","time_msc":1767225600000,"symbol":"XAUUSD","type":"tick","extra":{"a":[1,2]},"note":"x"}""")]
    [InlineData("""{"type":"tick","symbol":"EURUSD","time_msc":1767225600000,"bid":".5","ask":"1.","last":"0.000","volume":0,"flags":4294967295}""")]
    public void WellFormedTicks_TakeTheFastPath_AndReadAsTheGeneralParserReads(string frame)
    {
        Assert.True(BridgeTickReader.TryRead(Encoding.UTF8.GetBytes(frame), Announced, out var fast));
        AssertSameAsGeneral(frame, fast);
    }

    [Theory]
    [InlineData("""{"type":"tick","symbol":"GBPUSD","time_msc":1767225600000,"bid":"1.1","ask":"1.2","last":"0","volume":0,"flags":6}""")] // not announced
    [InlineData("""{"type":"tick","symbol":"EURUSD","time_msc":1767225600000,"bid":"1.1","bid":"1.0","ask":"1.2","last":"0","volume":0,"flags":6}""")] // repeated
    [InlineData("""{"type":"tick","symbol":"EURUSD","time_msc":1767225600000,"bid":"1.3","ask":"1.2","last":"0","volume":0,"flags":6}""")] // ask below bid
    [InlineData("""{"type":"tick","symbol":"EURUSD","time_msc":1767225600000,"bid":"-1.1","ask":"1.2","last":"0","volume":0,"flags":6}""")]
    [InlineData("""{"type":"tick","symbol":"EURUSD","time_msc":1767225600000,"bid":"0","ask":"1.2","last":"0","volume":0,"flags":6}""")]
    [InlineData("""{"type":"tick","symbol":"EURUSD","time_msc":1767225600000,"bid":"1e2","ask":"1.2","last":"0","volume":0,"flags":6}""")]
    [InlineData("""{"type":"tick","symbol":"EURUSD","time_msc":1767225600000,"bid":"1.1","ask":"1.2","volume":0,"flags":6}""")] // no last
    [InlineData("""{"type":"tick","symbol":"EURUSD","time_msc":17672256,"bid":"1.1","ask":"1.2","last":"0","volume":0,"flags":6}""")] // seconds
    [InlineData("""{"type":"tick","symbol":"EURUSD","time_msc":1767225600000.5,"bid":"1.1","ask":"1.2","last":"0","volume":0,"flags":6}""")]
    [InlineData("""{"type":"tick","symbol":"EUR\u0055SD","time_msc":1767225600000,"bid":"1.1","ask":"1.2","last":"0","volume":0,"flags":6}""")] // escaped
    [InlineData("""{"type":"heartbeat","time_msc":1767225600000}""")]
    [InlineData("""{"type":"tick","symbol":"EURUSD","time_msc":1767225600000,"bid":"1.1","ask":"1.2","last":"0","volume":0,"flags":6}{}""")]
    [InlineData("""{"type":"tick","symbol":"EURUSD","time_msc":1767225600000,"bid":"1.1","ask":"1.2","last":"0","volume":-1,"flags":6}""")]
    [InlineData("""{"type":"tick","symbol":"EURUSD","time_msc":1767225600000,"bid":"1.1234567890123456789","ask":"1.2","last":"0","volume":0,"flags":6}""")]
    [InlineData("""not json""")]
    public void EverythingElse_GoesToTheGeneralParser(string frame)
    {
        Assert.False(BridgeTickReader.TryRead(Encoding.UTF8.GetBytes(frame), Announced, out _));
    }

    [Fact]
    public void RandomFrames_TheFastPathNeverDisagreesWithTheGeneralParser()
    {
        var random = new Random(19);
        string[] decimals = ["1.10000", "1.", ".5", "0", "0.0", "-1.1", "+1.1", " 1.1", "1e5", "1,1", "", ".", "123456789012345678", "1234567890123456789", "00012.3400", "2400.55"];
        string[] times = ["1767225600000", "946684800000", "946684799999", "\"1767225600000\"", "1.5", "-1", "9223372036854775807"];
        string[] integers = ["0", "6", "-1", "4294967295", "4294967296", "1.0", "\"6\""];
        string[] symbols = ["\"EURUSD\"", "\"XAUUSD\"", "\"GBPUSD\"", "\"EUR\\u0055SD\"", "1", "null"];
        var fastAccepted = 0;
        for (var round = 0; round < 20_000; round++)
        {
            var fields = new List<string>
            {
                $"\"type\":{(random.Next(10) == 0 ? "\"heartbeat\"" : "\"tick\"")}",
                $"\"symbol\":{Pick(random, symbols, 3)}",
                $"\"time_msc\":{Pick(random, times, 1)}",
                $"\"bid\":\"{Pick(random, decimals, 2)}\"",
                $"\"ask\":\"{Pick(random, decimals, 2)}\"",
                $"\"last\":\"{Pick(random, decimals, 2)}\"",
                $"\"volume\":{Pick(random, integers, 2)}",
                $"\"flags\":{Pick(random, integers, 2)}",
            };
            if (random.Next(6) == 0)
            {
                fields.RemoveAt(random.Next(fields.Count));
            }

            if (random.Next(6) == 0)
            {
                fields.Insert(random.Next(fields.Count), random.Next(2) == 0 ? "\"extra\":{\"x\":[1,{\"y\":2}]}" : fields[random.Next(fields.Count)]);
            }

            fields = [.. fields.OrderBy(_ => random.Next(4) == 0 ? random.Next() : 0)];
            var frame = "{" + string.Join(',', fields) + "}";
            if (BridgeTickReader.TryRead(Encoding.UTF8.GetBytes(frame), Announced, out var fast))
            {
                fastAccepted++;
                AssertSameAsGeneral(frame, fast);
            }
        }

        Assert.True(fastAccepted > 1_000, $"the fast path took only {fastAccepted} frames");
    }

    private static string Pick(Random random, string[] values, int validCount) =>
        random.Next(3) == 0 ? values[random.Next(values.Length)] : values[random.Next(Math.Min(validCount, values.Length))];

    private static void AssertSameAsGeneral(string frame, BridgeTickValue fast)
    {
        Assert.True(BridgeFrameParser.TryParse(Encoding.UTF8.GetBytes(frame), out var message, out var error), $"{frame}: the general parser refused it: {error}");
        var general = Assert.IsType<BridgeTick>(message);
        Assert.Equal(BridgeTickValue.Of(general), fast);
        Assert.Equal(
            string.Create(CultureInfo.InvariantCulture, $"{general.Bid}|{general.Ask}|{general.Last}|{general.Volume}"),
            string.Create(CultureInfo.InvariantCulture, $"{fast.Bid}|{fast.Ask}|{fast.Last}|{fast.Volume}"));
    }
}
