using Google.Protobuf;
using Grpc.Core;
using TradingCore.Contracts.V1;

namespace TradingCore.Tests;

/// <summary>
/// Backtests through the API: a bot in lockstep with a run on an engine of its own, simulated time from the data,
/// the report's figures worked by hand (docs/backtesting.md), determinism, and the live book untouched.
/// </summary>
public sealed partial class BacktestTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Five H1 bars of Monday 2025-01-06, spread 10 points (ask = bid + 0.00010), server time = UTC.</summary>
    private const string Bars = "<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>\n"
        + "2025.01.06\t00:00:00\t1.10000\t1.10100\t1.09950\t1.10050\t100\t0\t10\n"
        + "2025.01.06\t01:00:00\t1.10050\t1.10200\t1.10000\t1.10150\t100\t0\t10\n"
        + "2025.01.06\t02:00:00\t1.10150\t1.10300\t1.10100\t1.10250\t100\t0\t10\n"
        + "2025.01.06\t03:00:00\t1.10250\t1.10260\t1.10050\t1.10100\t100\t0\t10\n"
        + "2025.01.06\t04:00:00\t1.10100\t1.10150\t1.10000\t1.10120\t100\t0\t10\n";

    private static readonly long Monday = new DateTimeOffset(2025, 1, 6, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    [Fact]
    public async Task ABotBuysAtTheFirstCloseAndSellsAtTheThird_TheReportMatchesTheHandWorkedFigures()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        var backtests = new Backtests.BacktestsClient(await server.InvokerForAsync(server.TraderKey));

        var run = await RunAsync(backtests, Settings(), BuyAtOneSellAtThree);

        // Step 1 ends on bar 1's close: bid 1.10050, ask 1.10060 -> buy 1 lot at 1.10060. Step 3 ends on bar 3's
        // close: bid 1.10250 -> the sell closes at 1.10250: (1.10250 - 1.10060) x 100,000 = 190.00 USD.
        var report = run.Report;
        Assert.Equal(5, run.Steps.Count);
        // A bar's 13 path ticks are 3,600,000 / 13 = 276,923 ms apart: the close is 12 of them after the open.
        Assert.Equal([Monday + 3_323_076, Monday + Hour + 3_323_076], run.Steps.Take(2).Select(step => step.TimeMs));
        Assert.Equal((1.10050m, 1.10060m), (run.Steps[0].Tick.Bid.ToDecimal(), run.Steps[0].Tick.Ask.ToDecimal()));
        Assert.Equal(1.10060m, run.Acks[0].Price.ToDecimal());
        Assert.Equal(1.10250m, run.Acks[1].Price.ToDecimal());
        Assert.Equal(BacktestState.Finished, report.State);
        Assert.Equal([10_000m, 10_000m, 10_190m], report.Deals.Select(deal => deal.Balance.ToDecimal()));
        Assert.Equal([DealType.Balance, DealType.Buy, DealType.Sell], report.Deals.Select(deal => deal.Type));
        Assert.Equal(190m, report.Deals[2].Profit.ToDecimal());
        var summary = report.Summary;
        Assert.Equal((10_000m, 10_190m, 190m, 190m, 0m), (summary.InitialDeposit.ToDecimal(), summary.FinalBalance.ToDecimal(), summary.TotalNetProfit.ToDecimal(), summary.GrossProfit.ToDecimal(), summary.GrossLoss.ToDecimal()));
        Assert.Null(summary.ProfitFactor);
        Assert.Equal(190m, summary.ExpectedPayoff.ToDecimal());
        Assert.Equal((1, 1, 1, 0, 0), (summary.TotalTrades, summary.LongTrades, summary.LongTradesWon, summary.ShortTrades, summary.LossTrades));
        Assert.Equal((0m, 0m), (summary.BalanceDrawdownAbsolute.ToDecimal(), summary.BalanceDrawdownMaximal.ToDecimal()));
        // Equity, tick by tick, long 1 lot from 1.10060: bar 2's path dips to bid 1.10000 (9,940: 60 below the
        // deposit, the absolute drawdown), rises to 1.10200 (10,140, a peak), and bar 3's path dips to 1.10100
        // (10,040): a fall of 100 from 10,140 = 0.986 % -> 0.99 %, the largest in money and in percent. Bar 3's
        // high 1.10300 (10,240) to its close 1.10250 (10,190) falls only 50.
        Assert.Equal((60m, 100m, 0.99m, 0.99m, 100m), (summary.EquityDrawdownAbsolute.ToDecimal(), summary.EquityDrawdownMaximal.ToDecimal(), summary.EquityDrawdownMaximalPercent.ToDecimal(), summary.EquityDrawdownRelativePercent.ToDecimal(), summary.EquityDrawdownRelative.ToDecimal()));
        Assert.Equal((1, 190m), (summary.MaxConsecutiveWins, summary.MaxConsecutiveWinsMoney.ToDecimal()));
    }

    [Fact]
    public async Task TheEngineClock_IsTheDatasTime_SoAnExpiryHappensAtTheReplayedTime()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        var backtests = new Backtests.BacktestsClient(await server.InvokerForAsync(server.TraderKey));
        var expiry = Monday + (Hour * 2) + (Hour / 2); // 02:30 of the replayed day, in bar 3

        var run = await RunAsync(backtests, Settings(), (step, _) => step.Index == 1
            ? [new BacktestRequest { RequestId = 1, Submit = new SubmitOrderRequest { ClientOrderId = "limit-1", Symbol = "EURUSD", Type = OrderType.BuyLimit, Volume = Lots(1m), Price = Price(1.09000m), TimeType = OrderTimeType.Specified, ExpirationTimeMs = expiry } }]
            : []);

        var order = Assert.Single(run.Report.Orders);
        Assert.Equal(OrderState.Expired, order.State);
        Assert.InRange(order.TimeDoneMs, expiry, Monday + (Hour * 3));
        Assert.Equal(order.TimeDoneMs, run.Events.Last(tradeEvent => tradeEvent.Order?.State == OrderState.Expired).TimeMs);
    }

    [Fact]
    public async Task TheSameDataAndDecisions_GiveTheSameReport_HoweverFastTheBotIs()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        var backtests = new Backtests.BacktestsClient(await server.InvokerForAsync(server.TraderKey));

        var fast = await RunAsync(backtests, Settings(), BuyAtOneSellAtThree);
        var slow = await RunAsync(backtests, Settings(), BuyAtOneSellAtThree, pause: TimeSpan.FromMilliseconds(150));
        var fullFast = await backtests.GetBacktestReportAsync(new GetBacktestReportRequest { RunId = fast.Report.RunId }, cancellationToken: Token);
        var fullSlow = await backtests.GetBacktestReportAsync(new GetBacktestReportRequest { RunId = slow.Report.RunId }, cancellationToken: Token);

        Assert.NotEqual(fast.Report.RunId, slow.Report.RunId);
        Assert.Equal(WithoutRunId(fast.Report).ToByteArray(), WithoutRunId(slow.Report).ToByteArray());
        Assert.Equal(fullFast.Csv, fullSlow.Csv);
        Assert.Equal(fullFast.Html.Replace(fast.Report.RunId, "", StringComparison.Ordinal), fullSlow.Html.Replace(slow.Report.RunId, "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheReport_IsAlsoCsvAndASelfContainedHtmlPage_AndTheLiveBookNeverSeesTheRun()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        var backtests = new Backtests.BacktestsClient(await server.InvokerForAsync(server.TraderKey));

        var run = await RunAsync(backtests, Settings(), BuyAtOneSellAtThree);
        var report = await backtests.GetBacktestReportAsync(new GetBacktestReportRequest { RunId = run.Report.RunId }, cancellationToken: Token);
        var listed = await backtests.ListBacktestsAsync(new ListBacktestsRequest(), cancellationToken: Token);

        var lines = report.Csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Time,Deal,Symbol,Type,Direction,Volume,Price,Order,Commission,Fee,Swap,Profit,Balance,Comment", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("2025-01-06T02:", lines[3], StringComparison.Ordinal);
        Assert.Contains(",SELL,OUT,1.00,1.1025,", lines[3], StringComparison.Ordinal);
        Assert.EndsWith(",190.00,10190.00,", lines[3], StringComparison.Ordinal);
        Assert.StartsWith("<!DOCTYPE html>", report.Html, StringComparison.Ordinal);
        Assert.Contains("<svg id=\"chart\"", report.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", report.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", report.Html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var info = Assert.Single(listed.Backtests);
        Assert.Equal((BacktestState.Finished, 5L, 5L), (info.State, info.Steps, info.StepsDone));
        var live = await server.Accounts.GetAccountAsync(new GetAccountRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token);
        Assert.Equal(100_000m, live.Account.Balance.ToDecimal());
        Assert.Empty((await server.Positions.ListPositionsAsync(new ListPositionsRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token)).Positions);
    }

    [Fact]
    public async Task APositionStillOpenWhenTheDataEnds_IsClosedAtTheLastQuote_AsEndOfTest()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        var backtests = new Backtests.BacktestsClient(await server.InvokerForAsync(server.TraderKey));

        var run = await RunAsync(backtests, Settings(), (step, accountId) => step.Index == 1 ? [BuyAtOneSellAtThree(step, accountId)[0]] : []);

        // Bought at 1.10060; the data ends on bar 5's close, bid 1.10120: (1.10120 - 1.10060) x 100,000 = 60.00.
        var last = run.Report.Deals[^1];
        Assert.Equal(("end of test", DealEntry.Out, 1.10120m, 60m), (last.Comment, last.Direction, last.Price.ToDecimal(), last.Profit.ToDecimal()));
        Assert.Equal((10_060m, 10_060m), (run.Report.Summary.FinalBalance.ToDecimal(), run.Report.Summary.FinalEquity.ToDecimal()));
        Assert.Contains(run.Events, tradeEvent => tradeEvent.Deal?.Comment == "end of test");
    }

    [Fact]
    public async Task TheHtmlReport_RendersInARealHeadlessBrowser()
    {
        const string Browser = "/usr/bin/chromium-headless-shell";
        if (!File.Exists(Browser))
        {
            Assert.Skip("needs chromium-headless-shell (Debian package of that name; .ci/run installs it)");
        }

        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        var backtests = new Backtests.BacktestsClient(await server.InvokerForAsync(server.TraderKey));
        var run = await RunAsync(backtests, Settings(), BuyAtOneSellAtThree);
        var report = await backtests.GetBacktestReportAsync(new GetBacktestReportRequest { RunId = run.Report.RunId }, cancellationToken: Token);
        var page = Path.Combine(data.Path, "report.html");
        var screenshot = Path.Combine(data.Path, "report.png");
        await File.WriteAllTextAsync(page, report.Html, Token);

        var dom = await BrowserAsync(Browser, "--dump-dom", new Uri(page).AbsoluteUri);
        await BrowserAsync(Browser, $"--screenshot={screenshot}", "--window-size=1000,1400", new Uri(page).AbsoluteUri);

        // The browser's own DOM (what it parsed and built), not our text: the summary, the chart, every deal.
        Assert.Contains("<table id=\"summary\">", dom, StringComparison.Ordinal);
        Assert.Contains("<th>Total net profit</th><td>190.00</td>", dom, StringComparison.Ordinal);
        Assert.Matches(@"<polyline class=""balance""[^>]*points=""0,\d", dom);
        Assert.Equal(report.Deals.Count + 1, System.Text.RegularExpressions.Regex.Matches(dom[dom.IndexOf("<table id=\"deals\">", StringComparison.Ordinal)..], "<tr>").Count);
        var png = await File.ReadAllBytesAsync(screenshot, Token);
        Assert.True(png.Length > 10_000, $"screenshot of {png.Length} bytes");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
    }

    private static async Task<string> BrowserAsync(string browser, params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo(browser) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Token);
        var error = process.StandardError.ReadToEndAsync(Token);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, await error);
        return await output;
    }

    [Fact]
    public async Task TheOrdinaryCalls_WorkOnTheRunsAccount_AndDecideAtTheStepsTimeAndPrice()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        var trader = await server.InvokerForAsync(server.TraderKey);
        var backtests = new Backtests.BacktestsClient(trader);
        var orders = new Orders.OrdersClient(trader);
        var positions = new Positions.PositionsClient(trader);
        var accounts = new Accounts.AccountsClient(trader);
        var adminInvoker = await server.InvokerForAsync(server.AdminKey);
        var outsider = new Accounts.AccountsClient(adminInvoker);
        var outsiderOrders = new Orders.OrdersClient(adminInvoker);
        var seen = new List<string>();

        var run = await RunAsync(backtests, Settings(), (step, accountId) =>
        {
            // The bot trades with the calls it trades live with, on the run's account, between a step and its advance.
            switch (step.Index)
            {
                case 1:
                    var bought = orders.SubmitOrder(new SubmitOrderRequest { AccountId = accountId, ClientOrderId = "bt-buy", Symbol = "EURUSD", Type = OrderType.Buy, Volume = Lots(1m) }, cancellationToken: Token);
                    seen.Add($"buy {bought.Result.Retcode} {bought.Result.Price.ToDecimal()}");
                    break;
                case 2:
                    var account = accounts.GetAccount(new GetAccountRequest { AccountId = accountId }, cancellationToken: Token).Account;
                    var open = positions.ListPositions(new ListPositionsRequest { AccountId = accountId }, cancellationToken: Token).Positions.Single();
                    seen.Add($"equity {account.Equity.ToDecimal()} position {open.Volume.ToDecimal()} at {open.PriceOpen.ToDecimal()}");
                    break;
                case 3:
                    var ticket = positions.ListPositions(new ListPositionsRequest { AccountId = accountId }, cancellationToken: Token).Positions.Single().Ticket;
                    var closed = positions.ClosePosition(new ClosePositionRequest { AccountId = accountId, PositionTicket = ticket, ClientOrderId = "bt-sell" }, cancellationToken: Token);
                    seen.Add($"close {closed.Result.Retcode} {closed.Result.Price.ToDecimal()}");
                    var deals = orders.ListDeals(new ListDealsRequest { AccountId = accountId, Kind = DealKind.Trades }, cancellationToken: Token).Deals;
                    seen.Add($"deals {deals.Count} newest profit {deals[0].Profit.ToDecimal()}");
                    var read = outsider.GetAccount(new GetAccountRequest { AccountId = accountId }, cancellationToken: Token);
                    var denied = Assert.Throws<RpcException>(() => outsiderOrders.SubmitOrder(new SubmitOrderRequest { AccountId = accountId, ClientOrderId = "admin", Symbol = "EURUSD", Type = OrderType.Buy, Volume = Lots(1m) }, cancellationToken: Token));
                    seen.Add($"admin reads it ({read.Account.AccountId == accountId}), may not trade it: {denied.StatusCode}");
                    break;
            }

            return [];
        });
        var inStream = await RunAsync(backtests, Settings(), BuyAtOneSellAtThree);

        // Step 1's close is bid 1.10050 / ask 1.10060; step 2's bid 1.10150 (equity 10,000 + 90); step 3's bid 1.10250.
        Assert.Equal(["buy Done 1.1006", "equity 10090 position 1 at 1.1006", "close Done 1.1025", "deals 2 newest profit 190", "admin reads it (True), may not trade it: PermissionDenied"], seen);
        Assert.True(run.Report.Summary.TotalNetProfit.ToDecimal() == 190m, "the calls' trades are the run's");
        Assert.Equal(inStream.Report.Summary, run.Report.Summary);
        Assert.Contains(run.Events, tradeEvent => tradeEvent.Deal?.Profit.ToDecimal() == 190m);
        Assert.True(run.Report.Deals[0].Deal > 0 && run.Steps[0].Account.AccountId >= 9_007_199_000_000_000);
    }

    [Fact]
    public async Task ARunCanBeCancelled_AndNoMoreRunThanTheLimitAtOnce()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path, settings: new Dictionary<string, string> { ["TradingCore:Backtests:MaxRunning"] = "1" });
        var backtests = new Backtests.BacktestsClient(await server.InvokerForAsync(server.TraderKey));
        using var held = backtests.Run(cancellationToken: Token);
        await held.RequestStream.WriteAsync(new BacktestRequest { Start = Settings() }, Token);
        Assert.True(await held.ResponseStream.MoveNext(Token));
        var runId = held.ResponseStream.Current.Started.RunId;
        Assert.True(await held.ResponseStream.MoveNext(Token)); // step 1: the run waits for its advance

        var second = await Assert.ThrowsAsync<RpcException>(() => RunAsync(backtests, Settings(), BuyAtOneSellAtThree));
        await backtests.CancelBacktestAsync(new CancelBacktestRequest { RunId = runId }, cancellationToken: Token);
        var ended = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await held.ResponseStream.MoveNext(Token))
            {
            }
        });
        var report = await backtests.GetBacktestReportAsync(new GetBacktestReportRequest { RunId = runId }, cancellationToken: Token);
        var afterwards = await RunAsync(backtests, Settings(), BuyAtOneSellAtThree);

        Assert.Equal(StatusCode.ResourceExhausted, second.StatusCode);
        Assert.Contains("MaxRunning", second.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.Cancelled, ended.StatusCode);
        Assert.Equal((BacktestState.Cancelled, 1L), (report.State, report.Steps));
        Assert.Equal(BacktestState.Finished, afterwards.Report.State);
    }

    [Fact]
    public async Task SessionsAndSwaps_HappenAtTheReplayedTimes_NotTheWallClocks()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        var backtests = new Backtests.BacktestsClient(await server.InvokerForAsync(server.TraderKey));
        // The run's own specification of EURUSD: sessions and swaps the live catalog does not have (and keeps not having).
        var spec = (await server.MarketData.GetSymbolAsync(new GetSymbolRequest { Symbol = "EURUSD" }, cancellationToken: Token)).Symbol.Clone();
        spec.TradeSessions = "Mon 00:00-24:00; Tue 04:00-24:00";
        spec.ServerUtcOffsetMinutes = 0;
        spec.SwapMode = SwapMode.Points;
        spec.SwapLong = Price(-7.2m);
        spec.SwapShort = Price(0m);
        // Flat H4 bars from Monday 12:00 to Tuesday 04:00 (bid 1.10000, ask 1.10010).
        var bars = "<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>\n"
            + string.Concat(new[] { "2025.01.06\t12:00:00", "2025.01.06\t16:00:00", "2025.01.06\t20:00:00", "2025.01.07\t00:00:00", "2025.01.07\t04:00:00" }
                .Select(time => $"{time}\t1.10000\t1.10000\t1.10000\t1.10000\t10\t0\t10\n"));
        var settings = Settings(export: bars);
        settings.Data.Timeframe = Timeframe.H4;
        settings.SymbolSpec = spec;

        var run = await RunAsync(backtests, settings, (step, accountId) => step.Index is 1 or 4
            ? [new BacktestRequest { RequestId = (ulong)step.Index, Submit = new SubmitOrderRequest { AccountId = accountId, ClientOrderId = $"s{step.Index}", Symbol = "EURUSD", Type = OrderType.Buy, Volume = Lots(1m) } }]
            : []);

        // Monday 15:41 is in the session; Tuesday 03:41 is not (it opens at 04:00): MARKET_CLOSED, whatever day the
        // wall clock says. The night Monday -> Tuesday charges -7.2 points x 0.00001 x 100,000 x 1 lot = -7.20,
        // realized by the end-of-test close on Tuesday 07:41: profit (1.10000 - 1.10010) x 100,000 = -10.00.
        Assert.Equal([TradeRetcode.Done, TradeRetcode.MarketClosed], run.Acks.Select(ack => ack.Retcode));
        var close = run.Report.Deals[^1];
        Assert.Equal(("end of test", -7.20m, -10m), (close.Comment, close.Swap.ToDecimal(), close.Profit.ToDecimal()));
        Assert.Equal((-17.20m, -7.20m), (run.Report.Summary.TotalNetProfit.ToDecimal(), run.Report.Summary.TotalSwap.ToDecimal()));
        var live = (await server.MarketData.GetSymbolAsync(new GetSymbolRequest { Symbol = "EURUSD" }, cancellationToken: Token)).Symbol;
        Assert.Equal("", live.TradeSessions);
    }

    private const long Hour = 3_600_000;

    private static IReadOnlyList<BacktestRequest> BuyAtOneSellAtThree(BacktestStep step, long accountId) => step.Index switch
    {
        1 => [new BacktestRequest { RequestId = 1, Submit = new SubmitOrderRequest { AccountId = accountId, ClientOrderId = "bt-buy", Symbol = "EURUSD", Type = OrderType.Buy, Volume = Lots(1m) } }],
        3 => [new BacktestRequest { RequestId = 2, Submit = new SubmitOrderRequest { AccountId = accountId, ClientOrderId = "bt-sell", Symbol = "EURUSD", Type = OrderType.Sell, Volume = Lots(1m) } }],
        _ => [],
    };

    private static BacktestSettings Settings(string symbol = "EURUSD", string export = Bars) => new()
    {
        Name = "ma test",
        Data = new BacktestData { Symbol = symbol, BarExport = export, Timeframe = Timeframe.H1 },
        Account = new CreateAccountRequest { Name = "backtest", Currency = "USD", Leverage = 100, MarginMode = MarginMode.RetailNetting, Balance = Contracts.V1.Decimal.FromDecimal(10_000m) },
    };

    private static Contracts.V1.Decimal Lots(decimal volume) => Contracts.V1.Decimal.FromDecimal(volume);

    private static Contracts.V1.Decimal Price(decimal price) => Contracts.V1.Decimal.FromDecimal(price);

    /// <summary>The report without what differs from run to run by design: the run id and the run's account id.</summary>
    private static BacktestReport WithoutRunId(BacktestReport report)
    {
        var copy = report.Clone();
        copy.RunId = "";
        foreach (var order in copy.Orders)
        {
            order.AccountId = 0;
        }

        return copy;
    }

    /// <summary>A bot: on every step, sends what <paramref name="decide"/> says, reads the acknowledgements, advances.</summary>
    private static async Task<Ran> RunAsync(Backtests.BacktestsClient backtests, BacktestSettings settings, Func<BacktestStep, long, IReadOnlyList<BacktestRequest>> decide, TimeSpan pause = default)
    {
        using var call = backtests.Run(cancellationToken: Token);
        await call.RequestStream.WriteAsync(new BacktestRequest { Start = settings }, Token);
        var ran = new Ran();
        long accountId = 0;
        while (await call.ResponseStream.MoveNext(Token))
        {
            var response = call.ResponseStream.Current;
            switch (response.ResponseCase)
            {
                case BacktestResponse.ResponseOneofCase.Started:
                    accountId = response.Started.AccountId;
                    break;
                case BacktestResponse.ResponseOneofCase.Event:
                    ran.Events.Add(response.Event);
                    break;
                case BacktestResponse.ResponseOneofCase.Ack:
                    ran.Acks.Add(response.Ack);
                    break;
                case BacktestResponse.ResponseOneofCase.Finished:
                    ran.Report = response.Finished;
                    break;
                case BacktestResponse.ResponseOneofCase.Step:
                    ran.Steps.Add(response.Step);
                    if (pause > TimeSpan.Zero)
                    {
                        await Task.Delay(pause, Token);
                    }

                    foreach (var request in decide(response.Step, accountId))
                    {
                        await call.RequestStream.WriteAsync(request, Token);
                    }

                    await call.RequestStream.WriteAsync(new BacktestRequest { Advance = new BacktestAdvance() }, Token);
                    break;
            }
        }

        return ran;
    }

    private sealed class Ran
    {
        public List<BacktestStep> Steps { get; } = [];

        public List<TradeResult> Acks { get; } = [];

        public List<TradeEvent> Events { get; } = [];

        public BacktestReport Report { get; set; } = new();
    }
}
