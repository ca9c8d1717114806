using TradingCore.Mt5Feed.Replay;

namespace TradingCore.Mt5Feed.Tests;

/// <summary>
/// Every replay format refuses a line whose values are outside the documented ranges the same way it refuses a
/// malformed one: an <see cref="Mt5FormatException"/> naming the line, never another exception and never a tick.
/// </summary>
public sealed class HostileReplayLineTests
{
    [Theory]
    [InlineData("2024.01.02\t10:00:00.000\t10000000000000000000\t1.1\t\t\t6")]
    [InlineData("2024.01.02\t10:00:00.000\t1.1\t1000000001\t\t\t6")]
    [InlineData("2024.01.02\t10:00:00.000\t1.1\t1.2\t-5\t\t6")]
    [InlineData("2024.01.02\t10:00:00.000\t1.1\t1.2\t\t99999999999999999999\t6")]
    [InlineData("2024.01.02\t10:00:00.000\t1.10000000001\t1.2\t\t\t6")]
    [InlineData("3000.01.02\t10:00:00.000\t1.1\t1.2\t\t\t6")]
    [InlineData("9999.12.31\t23:59:59.999\t1.1\t1.2\t\t\t6")]
    public void TickExport_ValuesOutOfRange_NameTheLine(string line)
    {
        using var reader = new StringReader(Mt5TickExportParser.Header + "\n2024.01.02\t09:59:59.000\t1.1\t1.2\t\t\t6\n" + line + "\n");

        var error = Assert.Throws<Mt5FormatException>(() => TickExportReader.Read(reader, "EURUSD", 0).ToList());

        Assert.StartsWith("line 3:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TickExport_TheEpochMinusTheServerOffset_NamesTheLine()
    {
        using var reader = new StringReader(Mt5TickExportParser.Header + "\n1970.01.01\t00:00:00.000\t1.1\t1.2\t\t\t6\n");

        var error = Assert.Throws<Mt5FormatException>(() => TickExportReader.Read(reader, "EURUSD", 7200).ToList());

        Assert.StartsWith("line 2:", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2024.01.02\t10:00\t1.1\t10000000000000000000\t1.1\t1.1\t1\t0\t1")]
    [InlineData("2024.01.02\t10:00:00\t1.1\t1.1\t1.1\t1.1\t9999999999999\t0\t1")]
    [InlineData("2999.12.31\t10:00:00\t0\t1.1\t0\t1.1\t1\t0\t1")]
    [InlineData("3000.01.01\t10:00:00\t1.1\t1.1\t1.1\t1.1\t1\t0\t1")]
    public void BarExport_ValuesOutOfRange_NameTheLine(string line)
    {
        using var reader = new StringReader("<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>\n" + line + "\n");

        var error = Assert.Throws<Mt5FormatException>(() => BarExportReader.Read(reader).ToList());

        Assert.StartsWith("line 2:", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"tick","symbol":"EURUSD","time_ms":9223372036854775807,"bid":"1.1","ask":"1.2"}""")]
    [InlineData("""{"type":"tick","symbol":"EURUSD","time_ms":1e30,"bid":"1.1","ask":"1.2"}""")]
    [InlineData("""{"type":"tick","symbol":"EURUSD","time_ms":"soon","bid":"1.1","ask":"1.2"}""")]
    [InlineData("""{"type":"tick","symbol":"EURUSD","time_ms":1700000000000,"bid":"10000000000000000000","ask":"10000000000000000001"}""")]
    [InlineData("""{"type":"tick","symbol":"EURUSD","time_ms":1700000000000,"bid":"1.1","ask":"1.2","flags":-1}""")]
    [InlineData("""{"type":"tick","symbol":"EURUSD","time_ms":1700000000000,"bid":"1.1","ask":"1.2","flags":99999999999}""")]
    [InlineData("""{"type":"tick","symbol":"EURUSD","time_ms":1700000000000,"bid":"1.1","ask":"1.2","volume":1e40}""")]
    [InlineData("""{"type":"tick","symbol":"../etc","time_ms":1700000000000,"bid":"1.1","ask":"1.2"}""")]
    [InlineData("""{"type":"tick","symbol":"A B","time_ms":1700000000000,"bid":"1.1","ask":"1.2"}""")]
    [InlineData("""{"type":"tick","symbol":42,"time_ms":1700000000000,"bid":"1.1","ask":"1.2"}""")]
    [InlineData("""{"type":"hello","symbol":"EURUSD","server_utc_offset_s":"x"}""")]
    [InlineData("""{"type":"hello","symbol":"EURUSD","server_utc_offset_s":9223372036854775807}""")]
    [InlineData("""[1,2,3]""")]
    [InlineData("""{"type":7}""")]
    public void Ndjson_HostileLines_NameTheLine(string line)
    {
        using var reader = new StringReader("""{"type":"tick","symbol":"EURUSD","time_ms":1700000000000,"bid":"1.1","ask":"1.2"}""" + "\n" + line + "\n" + """{"type":"tick","symbol":"EURUSD","time_ms":1700000000001,"bid":"1.1","ask":"1.2"}""" + "\n");

        var error = Record.Exception(() => NdjsonTickReader.Read(reader, null, null).ToList());

        // A line of an unknown type is skipped (it may be a later protocol's); everything else names line 2.
        if (line == """{"type":7}""")
        {
            Assert.Null(error);
            return;
        }

        Assert.IsType<Mt5FormatException>(error);
        Assert.StartsWith("line 2:", error.Message, StringComparison.Ordinal);
    }
}
