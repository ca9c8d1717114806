using Grpc.Core;
using TradingCore.Contracts.V1;

namespace TradingCore.Tests;

/// <summary>Backtest data: stored bars, MT5 tick exports, NDJSON recordings, malformed data and the bound on a run's rows.</summary>
public sealed partial class BacktestTests
{
    [Fact]
    public async Task StoredBars_AreData_AndGiveTheSameReportAsTheExportTheyWereImportedFrom()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        var backtests = new Backtests.BacktestsClient(await server.InvokerForAsync(server.TraderKey));
        var admin = new Admin.AdminClient(await server.InvokerForAsync(server.AdminKey));
        await admin.ImportBarsAsync(new ImportBarsRequest { Symbol = "EURUSD", Timeframe = Timeframe.H1, Content = Bars }, cancellationToken: Token);
        var stored = Settings();
        stored.Data = new BacktestData { Symbol = "EURUSD", StoredBars = new BacktestStoredBars(), Timeframe = Timeframe.H1 };

        var fromExport = await RunAsync(backtests, Settings(), BuyAtOneSellAtThree);
        var fromStore = await RunAsync(backtests, stored, BuyAtOneSellAtThree);

        Assert.Equal(WithoutRunId(fromExport.Report), WithoutRunId(fromStore.Report));
    }

    [Fact]
    public async Task TickData_AnMt5TickExportOrAnNdjsonRecording_StepsTickByTick_AndGiveTheSameReport()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        var backtests = new Backtests.BacktestsClient(await server.InvokerForAsync(server.TraderKey));
        (string Time, long Ms, string Bid, string Ask)[] ticks =
        [
            ("10:00:00.000", 0, "1.10000", "1.10010"),
            ("10:00:01.500", 1_500, "1.10020", "1.10030"),
            ("10:00:02.000", 2_000, "1.10080", "1.10090"),
            ("10:00:03.250", 3_250, "1.10060", "1.10070"),
        ];
        var start = new DateTimeOffset(2025, 1, 6, 10, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var export = "<DATE>\t<TIME>\t<BID>\t<ASK>\t<LAST>\t<VOLUME>\t<FLAGS>\n" + string.Concat(ticks.Select(tick => $"2025.01.06\t{tick.Time}\t{tick.Bid}\t{tick.Ask}\t\t\t6\n"));
        var recording = string.Concat(ticks.Select(tick => $$"""{"type":"tick","symbol":"EURUSD","time_msc":{{start + tick.Ms}},"bid":"{{tick.Bid}}","ask":"{{tick.Ask}}","last":"0","volume":0,"flags":6}""" + "\n"))
            + $$"""{"type":"tick","symbol":"XAUUSD","time_msc":{{start + 3_500}},"bid":"2400.10","ask":"2400.50","last":"0","volume":0,"flags":6}""" + "\n";
        var fromExport = Settings();
        fromExport.Data = new BacktestData { Symbol = "EURUSD", TickExport = export };
        var fromRecording = Settings();
        fromRecording.Data = new BacktestData { Symbol = "EURUSD", NdjsonTicks = recording };

        // Buy at the first tick's ask 1.10010, sell at the third tick's bid 1.10080: 0.00070 x 100,000 = 70.00.
        var a = await RunAsync(backtests, fromExport, (step, accountId) => BuyAtOneSellAtThree(step, accountId));
        var b = await RunAsync(backtests, fromRecording, (step, accountId) => BuyAtOneSellAtThree(step, accountId));

        Assert.Equal(4, a.Steps.Count);
        Assert.Equal([start, start + 1_500, start + 2_000, start + 3_250], a.Steps.Select(step => step.TimeMs));
        Assert.Equal(70m, a.Report.Summary.TotalNetProfit.ToDecimal());
        Assert.Equal(WithoutRunId(a.Report), WithoutRunId(b.Report));
    }

    [Fact]
    public async Task ARunsDataIsBounded_MoreRowsThanTheLimitAreRefusedBeforeAnythingRuns()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path, settings: new Dictionary<string, string> { ["TradingCore:Backtests:MaxDataRows"] = "3" });
        var backtests = new Backtests.BacktestsClient(await server.InvokerForAsync(server.TraderKey));

        var refused = await Assert.ThrowsAsync<RpcException>(() => RunAsync(backtests, Settings(), BuyAtOneSellAtThree));
        var listed = await backtests.ListBacktestsAsync(new ListBacktestsRequest(), cancellationToken: Token);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("start.data: holds more than 3 rows", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(listed.Backtests);
    }

    [Fact]
    public async Task BadRequests_AreRefusedByField_AndAMalformedOrderMidRunIsInvalid_NotTheEndOfTheRun()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        var backtests = new Backtests.BacktestsClient(await server.InvokerForAsync(server.TraderKey));

        var noSymbol = await Assert.ThrowsAsync<RpcException>(() => RunAsync(backtests, Settings(symbol: "NOPE"), BuyAtOneSellAtThree));
        var badExport = await Assert.ThrowsAsync<RpcException>(() => RunAsync(backtests, Settings(export: Bars.Replace("1.10150\t1.10300", "1.10150\tx", StringComparison.Ordinal)), BuyAtOneSellAtThree));
        var run = await RunAsync(backtests, Settings(), (step, _) => step.Index == 1
            ? [new BacktestRequest { RequestId = 7, Submit = new SubmitOrderRequest { ClientOrderId = "bad", Symbol = "EURUSD", Type = OrderType.Buy } }]
            : []);

        Assert.Equal(StatusCode.InvalidArgument, noSymbol.StatusCode);
        Assert.Contains("start.data.symbol", noSymbol.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("start.data.bar_export: line 4", badExport.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(TradeRetcode.Invalid, run.Acks[0].Retcode);
        Assert.Contains("submit.volume", run.Acks[0].Message, StringComparison.Ordinal);
        Assert.Equal(BacktestState.Finished, run.Report.State);
        Assert.Equal(5, run.Steps.Count);
    }
}
