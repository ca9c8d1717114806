using TradingCore.Engine.Domain;
using TradingCore.Mt5Feed.Replay;

namespace TradingCore.Mt5Feed.Tests;

public sealed class BarReplayTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    [Fact]
    public void IntradayExport_NineColumnsCrlf_IsRead()
    {
        using var reader = TickExportReader.Open(Fixture("EURUSD_H1_202401020000_202401020300.csv"));

        var bars = BarExportReader.Read(reader).ToList();

        Assert.Equal(3, bars.Count);
        Assert.Equal(new Mt5BarRow(new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), 1.10409m, 1.10439m, 1.10401m, 1.10432m, 167, 0, 15), bars[0]);
    }

    [Fact]
    public void WeeklyExport_EightColumnsUtf16_IsRead()
    {
        using var reader = TickExportReader.Open(Fixture("EURUSD_Weekly_202401070000_202401210000.csv"));

        var bars = BarExportReader.Read(reader).ToList();

        Assert.Equal(2, bars.Count);
        Assert.Equal(new DateTimeOffset(2024, 1, 14, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), bars[1].ServerTimeMs);
        Assert.Equal((1.09500m, 3), (bars[1].Open, bars[1].SpreadPoints));
    }

    [Theory]
    [InlineData("2024.01.02\t00:00:00\t1.1\t1.0\t1.2\t1.1\t1\t0\t1", true, "<LOW>")]
    [InlineData("2024.01.02\t1.1\t1.2\t1.0\t1.1\t1\t0\t1", true, "columns")]
    [InlineData("2024.01.02\t1.1\t1.2\t1.0\t1.1\tmany\t0\t1", false, "<TICKVOL>")]
    public void MalformedBar_NamesTheProblem(string line, bool hasTime, string expected)
    {
        Assert.False(Mt5BarExportParser.TryParse(line, hasTime, out _, out var error));

        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("EURUSD_H1_202401020000_202401020300.csv", 60)]
    [InlineData("US30m_Daily_202401010000_202509080000.csv", 1440)]
    [InlineData("EURUSD_Weekly_2019.csv", 10080)]
    [InlineData("ticks.csv", 0)]
    public void TimeframeFromFileName_ReadsMt5DefaultNames(string name, int minutes)
    {
        Assert.Equal(minutes == 0 ? null : TimeSpan.FromMinutes(minutes), BarExportReader.TimeframeFromFileName(name));
    }

    [Fact]
    public void TickPath_BullishBar_VisitsOpenLowHighCloseOnTheGrid()
    {
        var bar = new Mt5BarRow(1_700_000_000_000, 1.10409m, 1.10439m, 1.10401m, 1.10432m, 167, 0, 15);

        var ticks = BarTickPath.Generate("EURUSD", bar, TimeSpan.FromHours(1), 0.00001m, 0.00001m, 7_200_000).ToList();

        Assert.Equal(1.10409m, ticks[0].Bid);
        Assert.Equal(1.10401m, ticks.Skip(1).First(tick => tick.Bid == bar.Low).Bid);
        Assert.True(ticks.FindIndex(tick => tick.Bid == bar.Low) < ticks.FindIndex(tick => tick.Bid == bar.High));
        Assert.Equal(1.10432m, ticks[^1].Bid);
        Assert.All(ticks, tick =>
        {
            Assert.InRange(tick.Bid, bar.Low, bar.High);
            Assert.Equal(0m, decimal.Remainder(tick.Bid, 0.00001m));
            Assert.Equal(tick.Bid + 0.00015m, tick.Ask);
            Assert.InRange(tick.TimeMs, bar.ServerTimeMs - 7_200_000, bar.ServerTimeMs - 7_200_000 + 3_600_000 - 1);
        });
        Assert.Equal(ticks.Select(tick => tick.TimeMs).Order(), ticks.Select(tick => tick.TimeMs));
    }

    [Fact]
    public void TickPath_BearishBar_VisitsTheHighFirst()
    {
        var bar = new Mt5BarRow(1_700_000_000_000, 1.10432m, 1.10450m, 1.10380m, 1.10390m, 240, 0, 0);

        var ticks = BarTickPath.Generate("EURUSD", bar, TimeSpan.FromHours(1), 0.00001m, 0.00001m, 0).ToList();

        Assert.True(ticks.FindIndex(tick => tick.Bid == bar.High) < ticks.FindIndex(tick => tick.Bid == bar.Low));
        Assert.All(ticks, tick => Assert.Equal(tick.Bid + 0.00001m, tick.Ask)); // spread 0 -> one point
    }

    [Fact]
    public void NdjsonRecording_TakesSymbolAndOffsetFromItsHello()
    {
        using var reader = TickExportReader.Open(Fixture("US500_recording.ndjson"));

        var ticks = NdjsonTickReader.Read(reader, symbol: null, serverUtcOffsetSeconds: null).ToList();

        Assert.Equal(3, ticks.Count);
        Assert.All(ticks, tick => Assert.Equal("US500", tick.Symbol));
        Assert.Equal(1_785_327_812_476 - 10_800_000, ticks[0].TimeMs);
        Assert.Equal((7446.10m, 7446.40m, 2u), (ticks[2].Bid, ticks[2].Ask, ticks[2].Flags));
    }

    [Theory]
    [InlineData("EURUSD_H1_202401020000_202401020300.csv", ReplayFormat.Bars, "EURUSD")]
    [InlineData("EURUSD_202211101500_202211101501.csv", ReplayFormat.Ticks, "EURUSD")]
    [InlineData("US500_recording.ndjson", ReplayFormat.Ndjson, "US500")]
    public void ReplayFeed_DetectsTheFormatAndSymbol(string file, ReplayFormat format, string symbol)
    {
        var feed = new ReplayFeed(new ReplayOptions { File = Fixture(file) }, TimeProvider.System);

        Assert.Equal((format, symbol), (feed.Format, Assert.Single(feed.Symbols)));
    }

    /// <summary>
    /// The real MT5 exports kept beside the project (../shared/data/mt5, not part of the repository) parse
    /// completely. Skipped where that folder is absent.
    /// </summary>
    [Theory]
    [InlineData("XAUUSD_H4.csv", 12_028)]
    [InlineData("EURUSD_Weekly.csv", 386)]
    public void RealBarExports_ParseCompletely(string name, int bars)
    {
        var path = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../../shared/data/mt5", name));
        Assert.SkipUnless(File.Exists(path), $"{path} is not on this machine");
        using var reader = TickExportReader.Open(path);

        Assert.Equal(bars, BarExportReader.Read(reader).Count());
    }

    [Fact]
    public void RealNdjsonRecording_ParsesCompletely()
    {
        var path = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../../shared/data/mt5/us500_quote_ticks.ndjson"));
        Assert.SkipUnless(File.Exists(path), $"{path} is not on this machine");
        using var reader = TickExportReader.Open(path);

        var ticks = NdjsonTickReader.Read(reader, null, null).ToList();

        Assert.Equal(1_200, ticks.Count);
        Assert.All(ticks, tick => Assert.True(tick.Ask >= tick.Bid));
    }
}
