using TradingCore.Bars;
using TradingCore.Contracts.V1;
using static TradingCore.Testing.Wire;

namespace TradingCore.Tests;

/// <summary>Bars built from ticks, stored, served, streamed and imported.</summary>
public sealed class BarTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    // Monday 2026-01-05 10:00:00 UTC.
    private static readonly long T0 = new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    [Theory]
    [InlineData(Timeframe.M1, "2026-01-07T10:17:42Z", "2026-01-07T10:17:00Z")]
    [InlineData(Timeframe.M15, "2026-01-07T10:17:42Z", "2026-01-07T10:15:00Z")]
    [InlineData(Timeframe.H4, "2026-01-07T10:17:42Z", "2026-01-07T08:00:00Z")]
    [InlineData(Timeframe.D1, "2026-01-07T10:17:42Z", "2026-01-07T00:00:00Z")]
    [InlineData(Timeframe.W1, "2026-01-07T10:17:42Z", "2026-01-04T00:00:00Z")] // Wednesday -> Sunday, as MT5 dates weeks
    [InlineData(Timeframe.W1, "2026-01-04T00:00:00Z", "2026-01-04T00:00:00Z")]
    [InlineData(Timeframe.Mn1, "2026-02-28T23:59:59Z", "2026-02-01T00:00:00Z")]
    public void Periods_StartWhereMt5StartsThem(Timeframe timeframe, string time, string start)
    {
        var startMs = BarPeriods.Start(timeframe, DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds());

        Assert.Equal(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds(), startMs);
    }

    [Fact]
    public void Periods_NextMonthHandlesMonthLengths()
    {
        var january = BarPeriods.Start(Timeframe.Mn1, T0);

        Assert.Equal(new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), BarPeriods.Next(Timeframe.Mn1, january));
    }

    [Fact]
    public async Task Ticks_BuildBars_ServedStreamedAndKeptAcrossARestart()
    {
        using var data = new TempDirectory();
        await using (var server = new CoreServer(data.Path))
        {
            using var stream = server.MarketData.StreamBars(new StreamBarsRequest { Symbol = "EURUSD", Timeframe = Timeframe.M1 }, cancellationToken: Token);
            await Within(stream.ResponseHeadersAsync);

            await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m, T0 + 1_000);
            await server.QuoteAsync("EURUSD", 1.10050m, 1.10060m, T0 + 20_000);
            await server.QuoteAsync("EURUSD", 1.09980m, 1.09990m, T0 + 40_000);
            await server.QuoteAsync("EURUSD", 1.10020m, 1.10032m, T0 + 59_999);
            await server.QuoteAsync("EURUSD", 1.10030m, 1.10040m, T0 + 60_000); // opens the next minute

            var closed = await NextClosed(stream.ResponseStream);
            Assert.Equal(T0, closed.TimeMs);
            Assert.Equal((1.10000m, 1.10050m, 1.09980m, 1.10020m, 4L, 12), (closed.Open.ToDecimal(), closed.High.ToDecimal(), closed.Low.ToDecimal(), closed.Close.ToDecimal(), closed.TickVolume, closed.Spread));

            var bars = (await server.MarketData.GetBarsAsync(new GetBarsRequest { Symbol = "EURUSD", Timeframe = Timeframe.M1, FromTimeMs = T0 }, cancellationToken: Token)).Bars;
            Assert.Equal([T0, T0 + 60_000], bars.Select(bar => bar.TimeMs));
            Assert.Equal(1.10030m, bars[1].Open.ToDecimal());
            var hour = (await server.MarketData.GetBarsAsync(new GetBarsRequest { Symbol = "EURUSD", Timeframe = Timeframe.H1, FromTimeMs = T0 }, cancellationToken: Token)).Bars;
            Assert.Equal((T0, 5L), (Assert.Single(hour).TimeMs, hour[0].TickVolume));
        }

        await using var restarted = new CoreServer(data.Path);
        await Eventually(async () => (await restarted.MarketData.GetBarsAsync(new GetBarsRequest { Symbol = "EURUSD", Timeframe = Timeframe.M1, FromTimeMs = T0 }, cancellationToken: Token)).Bars.Count == 2);
        await restarted.QuoteAsync("EURUSD", 1.10100m, 1.10110m, T0 + 90_000); // continues the minute stored at shutdown
        var continued = (await restarted.MarketData.GetBarsAsync(new GetBarsRequest { Symbol = "EURUSD", Timeframe = Timeframe.M1, FromTimeMs = T0 + 60_000 }, cancellationToken: Token)).Bars;
        Assert.Equal((1.10030m, 1.10100m, 2L), (Assert.Single(continued).Open.ToDecimal(), continued[0].High.ToDecimal(), continued[0].TickVolume));
    }

    [Fact]
    public async Task ImportBars_FromAnMt5Export_BecomesHistoryInUtc()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        var admin = new Admin.AdminClient(await server.InvokerForAsync(server.AdminKey));
        const string export = "<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>\r\n"
            + "2024.01.02\t02:00:00\t1.10409\t1.10439\t1.10401\t1.10432\t167\t0\t15\r\n"
            + "2024.01.02\t03:00:00\t1.10432\t1.10450\t1.10380\t1.10390\t240\t0\t12\r\n";

        var imported = await admin.ImportBarsAsync(new ImportBarsRequest { Symbol = "EURUSD", Timeframe = Timeframe.H1, Content = export, ServerUtcOffsetS = 7200 }, cancellationToken: Token);

        var midnight = new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        Assert.Equal((2, midnight), (imported.Imported, imported.FirstTimeMs));
        var bars = (await server.MarketData.GetBarsAsync(new GetBarsRequest { Symbol = "EURUSD", Timeframe = Timeframe.H1, FromTimeMs = midnight, ToTimeMs = midnight + 7_200_000 }, cancellationToken: Token)).Bars;
        Assert.Equal((2, 1.10432m, 240L), (bars.Count, bars[1].Open.ToDecimal(), bars[1].TickVolume));
    }

    [Fact]
    public async Task ImportBars_BadContent_NamesTheLine()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        var admin = new Admin.AdminClient(await server.InvokerForAsync(server.AdminKey));

        var error = await Assert.ThrowsAsync<global::Grpc.Core.RpcException>(() => admin.ImportBarsAsync(new ImportBarsRequest { Symbol = "EURUSD", Timeframe = Timeframe.H1, Content = "<DATE>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>\n2024.01.07\tx\t1\t1\t1\t1\t0\t1\n" }, cancellationToken: Token).ResponseAsync);

        Assert.Contains("line 2", error.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    public async Task ImportBarsStream_ReadsPiecesCutAnywhere_AsOneExport(int pieceChars)
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        var admin = new Admin.AdminClient(await server.InvokerForAsync(server.AdminKey));
        const string export = "<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>\r\n"
            + "2024.01.02\t02:00:00\t1.10409\t1.10439\t1.10401\t1.10432\t167\t0\t15\r\n"
            + "2024.01.02\t03:00:00\t1.10432\t1.10450\t1.10380\t1.10390\t240\t0\t12\r\n"
            + "2024.01.02\t04:00:00\t1.10390\t1.10400\t1.10300\t1.10350\t99\t0\t11"; // no line break at the end

        using var call = admin.ImportBarsStream(cancellationToken: Token);
        for (var start = 0; start < export.Length; start += pieceChars)
        {
            var piece = export.Substring(start, Math.Min(pieceChars, export.Length - start));
            await call.RequestStream.WriteAsync(start == 0
                ? new ImportBarsRequest { Symbol = "EURUSD", Timeframe = Timeframe.H1, ServerUtcOffsetS = 7200, Content = piece }
                : new ImportBarsRequest { Content = piece }, Token);
        }

        await call.RequestStream.CompleteAsync();
        var imported = await call.ResponseAsync;

        var midnight = new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        Assert.Equal((3, midnight, midnight + 7_200_000), (imported.Imported, imported.FirstTimeMs, imported.LastTimeMs));
        var bars = (await server.MarketData.GetBarsAsync(new GetBarsRequest { Symbol = "EURUSD", Timeframe = Timeframe.H1, FromTimeMs = midnight }, cancellationToken: Token)).Bars;
        Assert.Equal([1.10409m, 1.10432m, 1.10390m], bars.Select(bar => bar.Open.ToDecimal()));
        Assert.Equal(11, bars[2].Spread);
    }

    [Fact]
    public async Task ImportBarsStream_ABadLineInALaterPiece_NamesItsLineInTheWholeExport_AndStoresNothing()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        var admin = new Admin.AdminClient(await server.InvokerForAsync(server.AdminKey));
        var good = string.Concat(Enumerable.Range(0, 20).Select(hour => $"2024.01.03\t{hour:00}:00:00\t1.1\t1.2\t1.0\t1.1\t5\t0\t3\n"));

        using var call = admin.ImportBarsStream(cancellationToken: Token);
        await call.RequestStream.WriteAsync(new ImportBarsRequest { Symbol = "EURUSD", Timeframe = Timeframe.H1, Content = "<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>\n" + good }, Token);
        await call.RequestStream.WriteAsync(new ImportBarsRequest { Content = good.Replace("2024.01.03", "2024.01.04", StringComparison.Ordinal) }, Token);
        await call.RequestStream.WriteAsync(new ImportBarsRequest { Content = "2024.01.05\t00:00:00\t1.1\tx\t1.0\t1.1\t5\t0\t3\n" }, Token);
        await call.RequestStream.CompleteAsync();
        var error = await Assert.ThrowsAsync<global::Grpc.Core.RpcException>(() => call.ResponseAsync);

        Assert.Equal(global::Grpc.Core.StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("content: line 42:", error.Status.Detail, StringComparison.Ordinal);
        Assert.Empty((await server.MarketData.GetBarsAsync(new GetBarsRequest { Symbol = "EURUSD", Timeframe = Timeframe.H1 }, cancellationToken: Token)).Bars);
    }

    [Fact]
    public async Task ImportBarsStream_ALaterMessageNamingAnotherSymbol_IsRefused()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        var admin = new Admin.AdminClient(await server.InvokerForAsync(server.AdminKey));

        using var call = admin.ImportBarsStream(cancellationToken: Token);
        await call.RequestStream.WriteAsync(new ImportBarsRequest { Symbol = "EURUSD", Timeframe = Timeframe.H1, Content = "<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>\n" }, Token);
        await call.RequestStream.WriteAsync(new ImportBarsRequest { Symbol = "XAUUSD", Content = "2024.01.05\t00:00:00\t1.1\t1.2\t1.0\t1.1\t5\t0\t3\n" }, Token);
        await call.RequestStream.CompleteAsync();
        var error = await Assert.ThrowsAsync<global::Grpc.Core.RpcException>(() => call.ResponseAsync);

        Assert.Contains("symbol: is EURUSD from the first message", error.Status.Detail, StringComparison.Ordinal);
    }

    private static async Task<Bar> NextClosed(global::Grpc.Core.IAsyncStreamReader<StreamBarsResponse> stream)
    {
        while (await Within(stream.MoveNext(Token)))
        {
            if (stream.Current.Closed)
            {
                return stream.Current.Bar;
            }
        }

        throw new InvalidOperationException("the stream ended");
    }
}
