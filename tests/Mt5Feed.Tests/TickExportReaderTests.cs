using TradingCore.Mt5Feed.Replay;

namespace TradingCore.Mt5Feed.Tests;

public sealed class TickExportReaderTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    [Fact]
    public void Read_CrlfExport_ForwardFillsAndSkipsOneSidedStart()
    {
        using var reader = TickExportReader.Open(Fixture("EURUSD_202211101500_202211101501.csv"));

        var ticks = TickExportReader.Read(reader, "EURUSD", serverUtcOffsetSeconds: 7200).ToList();

        Assert.Equal(5, ticks.Count);
        Assert.Equal((1.01682m, 1.01712m), (ticks[0].Bid, ticks[0].Ask));
        Assert.Equal((1.01684m, 1.01714m), (ticks[1].Bid, ticks[1].Ask));
        Assert.Equal((1.01684m, 1.01716m), (ticks[2].Bid, ticks[2].Ask));
        Assert.Equal((1.01680m, 1.01716m), (ticks[3].Bid, ticks[3].Ask));
        Assert.Equal(130u, ticks[3].Flags);
        Assert.All(ticks, tick => Assert.Equal("EURUSD", tick.Symbol));
        // 15:00:00.017 server time at UTC+2 is 13:00:00.017 UTC.
        Assert.Equal(new DateTimeOffset(2022, 11, 10, 13, 0, 0, 17, TimeSpan.Zero).ToUnixTimeMilliseconds(), ticks[0].TimeMs);
    }

    [Fact]
    public void Read_Utf16WithBom_IsDecoded()
    {
        using var reader = TickExportReader.Open(Fixture("GBPUSD_utf16.csv"));

        var ticks = TickExportReader.Read(reader, "GBPUSD", 0).ToList();

        Assert.Equal(3, ticks.Count);
        Assert.Equal((1.26501m, 1.26520m), (ticks[2].Bid, ticks[2].Ask));
    }

    [Fact]
    public void Read_MalformedLine_ThrowsNamingTheLine()
    {
        using var reader = TickExportReader.Open(Fixture("GBPUSD_broken.csv"));

        var error = Assert.Throws<Mt5FormatException>(() => TickExportReader.Read(reader, "GBPUSD", 0).ToList());

        Assert.StartsWith("line 3:", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/data/EURUSD_202211101500_202211101600.csv", "EURUSD")]
    [InlineData("XAUUSD.vx_202401010000_202401020000.csv", "XAUUSD.vx")]
    [InlineData("ticks.csv", "ticks")]
    public void SymbolFromFileName_TakesThePartBeforeTheFirstUnderscore(string path, string symbol)
    {
        Assert.Equal(symbol, TickExportReader.SymbolFromFileName(path));
    }
}
