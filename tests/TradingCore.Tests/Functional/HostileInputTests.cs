using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.Extensions.DependencyInjection;
using TradingCore.Contracts.V1;
using TradingCore.Feeds;
using static TradingCore.Testing.Wire;

namespace TradingCore.Tests;

/// <summary>
/// One hostile input at any entry point (bridge frames, RPC fields, admin specs, bar imports, account ids) is
/// refused where it enters, with a reason naming the field; the engine keeps trading for everyone.
/// </summary>
public sealed class HostileInputTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BridgeFramesOutOfRange_AreRefusedOneByOne_AndTradingGoesOn()
    {
        using var data = new TempDirectory();
        var port = BridgeTerminal.FreePort();
        await using var server = new CoreServer(data.Path, feed: "Bridge", settings: BridgeTerminal.Settings(port));
        await using var terminal = await BridgeTerminal.ConnectAsync(port);
        await terminal.SymbolAsync("EURUSD");
        foreach (var name in new[] { "BAD NAME", "<b>X</b>", "../etc", "A\\u0000B" })
        {
            await terminal.SendAsync(SymbolLine(name, "100000"));
        }

        await terminal.SendAsync(SymbolLine("HUGE", "1000000000000"));
        await terminal.TickAsync("HUGE", 1_785_327_812_476, "1.1", "1.2");
        const long Now = 1_785_327_812_476;
        await terminal.TickAsync("EURUSD", Now, "1.00000", "100000.00000");            // huge spread: admitted
        await terminal.TickAsync("EURUSD", long.MaxValue, "1.08412", "1.08415");       // int64 max time
        await terminal.TickAsync("EURUSD", 253_402_300_800_000, "1.08412", "1.08415"); // after year 9999
        await terminal.TickAsync("EURUSD", Now + 1, "10000000000000000000", "10000000000000000001");
        await terminal.TickAsync("EURUSD", Now + 2, "1.08412", "1.08415");

        await Eventually(async () => (await server.MarketData.GetLastTicksAsync(new GetLastTicksRequest { Symbols = { "EURUSD" } }, cancellationToken: Token)).Ticks.SingleOrDefault()?.Bid.ToDecimal() == 1.08412m);
        var monitor = server.Services.GetRequiredService<FeedMonitor>();
        var feed = $"bridge:{BridgeTerminal.Login}";
        Assert.Equal(3, monitor.RefusedCount(feed, "tick_out_of_range"));
        Assert.Equal(5, monitor.RefusedCount(feed, "symbol_out_of_range"));
        Assert.Equal(1, monitor.RefusedCount(feed, "symbol_refused"));
        var symbols = (await server.MarketData.ListSymbolsAsync(new ListSymbolsRequest(), cancellationToken: Token)).Symbols.Select(symbol => symbol.Name).ToList();
        Assert.DoesNotContain("HUGE", symbols);
        Assert.DoesNotContain(symbols, name => name.Contains(' ', StringComparison.Ordinal) || name.Contains('<', StringComparison.Ordinal) || name.Contains('/', StringComparison.Ordinal));
        await AssertTradingAsync(server, "after-bridge");
        var bars = await server.MarketData.GetBarsAsync(new GetBarsRequest { Symbol = "EURUSD", Timeframe = Timeframe.M1 }, cancellationToken: Token);
        Assert.NotEmpty(bars.Bars);
        await terminal.SendAsync("""{"type":"heartbeat","time_msc":1785327812500}""");
        await terminal.TickAsync("EURUSD", Now + 3, "1.08413", "1.08416");
        await Eventually(async () => (await server.MarketData.GetLastTicksAsync(new GetLastTicksRequest { Symbols = { "EURUSD" } }, cancellationToken: Token)).Ticks.Single().Bid.ToDecimal() == 1.08413m);
    }

    [Fact]
    public async Task AdminSymbolSpecBeyondTheRanges_IsInvalidArgumentNamingTheFields_AndCheckOrderStillAnswers()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        var admin = new Admin.AdminClient(await server.InvokerForAsync(server.AdminKey));
        var spec = (await server.MarketData.GetSymbolAsync(new GetSymbolRequest { Symbol = "EURUSD" }, cancellationToken: Token)).Symbol;
        spec.Name = "HUGEUSD";
        spec.ContractSize = D(1_000_000_000_000m);
        spec.VolumeMax = D(1_000_000_000_000m);
        spec.MarginRate = D(1_000_000_000_000m);

        var error = await Assert.ThrowsAsync<RpcException>(() => admin.UpsertSymbolAsync(new UpsertSymbolRequest { Spec = spec }, cancellationToken: Token).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("spec.contract_size", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("spec.volume_max", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("spec.margin_rate", error.Status.Detail, StringComparison.Ordinal);
        spec.ContractSize = D(100_000_000m);
        spec.VolumeMax = D(100_000_000m);
        spec.MarginRate = D(1_000m);
        spec.CalcMode = SymbolCalcMode.Cfd; // within every field's range, but one lot at the highest price is worth 10^20
        var combined = await Assert.ThrowsAsync<RpcException>(() => admin.UpsertSymbolAsync(new UpsertSymbolRequest { Spec = spec }, cancellationToken: Token).ResponseAsync);
        Assert.Contains("spec.contract_size", combined.Status.Detail, StringComparison.Ordinal);
        await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        var check = await server.Orders.CheckOrderAsync(new CheckOrderRequest { Order = Market(OrderType.Buy, 1m, "check") }, cancellationToken: Token);
        Assert.Equal(TradeRetcode.Done, check.Retcode);
        await AssertTradingAsync(server, "after-spec");
    }

    [Fact]
    public async Task ImportBarsBeyondTheRanges_IsRefused_AndGetBarsKeepsAnswering()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        var admin = new Admin.AdminClient(await server.InvokerForAsync(server.AdminKey));
        const string Header = "<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>\n";
        string[] hostile =
        [
            "2024.01.02\t02:00:00\t1.1\t10000000000000000000\t1.1\t1.1\t1\t0\t1\n",
            "2024.01.02\t02:00:00\t1.1\t1.1\t1.1\t1.1\t99999999999999999\t0\t1\n",
            "9999.01.02\t02:00:00\t1.1\t1.1\t1.1\t1.1\t1\t0\t1\n",
            "1970.01.01\t00:00:00\t1.1\t1.1\t1.1\t1.1\t1\t0\t1\n", // before the epoch in UTC at +2 h
        ];

        foreach (var line in hostile)
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => admin.ImportBarsAsync(new ImportBarsRequest { Symbol = "EURUSD", Timeframe = Timeframe.H1, Content = Header + line, ServerUtcOffsetS = 7200 }, cancellationToken: Token).ResponseAsync);
            Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
            Assert.Contains("content", error.Status.Detail, StringComparison.Ordinal);
        }

        var bars = await server.MarketData.GetBarsAsync(new GetBarsRequest { Symbol = "EURUSD", Timeframe = Timeframe.H1 }, cancellationToken: Token);
        Assert.Empty(bars.Bars);
    }

    [Fact]
    public async Task AccountIds_AreBounded_AndAutoNumberingNeverOverflows()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        var admin = new Admin.AdminClient(await server.InvokerForAsync(server.AdminKey));

        var tooLarge = await Assert.ThrowsAsync<RpcException>(() => admin.CreateAccountAsync(NewAccount(long.MaxValue), cancellationToken: Token).ResponseAsync);
        var reserved = await Assert.ThrowsAsync<RpcException>(() => admin.CreateAccountAsync(NewAccount(9_007_199_254_740_991), cancellationToken: Token).ResponseAsync);
        var highest = await admin.CreateAccountAsync(NewAccount(9_007_198_999_999_999), cancellationToken: Token);
        var next = await admin.CreateAccountAsync(NewAccount(0), cancellationToken: Token);
        var after = await admin.CreateAccountAsync(NewAccount(0), cancellationToken: Token);
        var read = await Assert.ThrowsAsync<RpcException>(() => server.Accounts.GetAccountAsync(new GetAccountRequest { AccountId = long.MaxValue }, cancellationToken: Token).ResponseAsync);

        Assert.Equal((StatusCode.InvalidArgument, true), (tooLarge.StatusCode, tooLarge.Status.Detail.Contains("account_id", StringComparison.Ordinal)));
        Assert.Contains("reserved for backtest accounts", reserved.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(9_007_198_999_999_999, highest.Account.AccountId);
        Assert.Equal((1002L, 1003L), (next.Account.AccountId, after.Account.AccountId));
        Assert.Equal(StatusCode.InvalidArgument, read.StatusCode);
    }

    public static TheoryData<string, Func<SubmitOrderRequest, SubmitOrderRequest>> HostileOrders => new()
    {
        { "volume", order => { order.Volume = D(1_000_000_000_000m); return order; } },
        { "volume", order => { order.Volume = new TradingCore.Contracts.V1.Decimal { Units = long.MaxValue }; return order; } },
        { "price", order => { order.Type = OrderType.BuyLimit; order.Price = D(9_000_000_000m); return order; } },
        { "stop_loss", order => { order.StopLoss = D(0.0000000001m); return order; } },
        { "take_profit", order => { order.TakeProfit = new TradingCore.Contracts.V1.Decimal { Units = -1 }; return order; } },
        { "expiration_time_ms", order => { order.Type = OrderType.BuyLimit; order.Price = D(1.0m); order.TimeType = OrderTimeType.Specified; order.ExpirationTimeMs = long.MaxValue; return order; } },
        { "account_id", order => { order.AccountId = long.MaxValue; return order; } },
        { "symbol", order => { order.Symbol = new string('X', 10_000); return order; } },
        { "symbol", order => { order.Symbol = "../etc/passwd"; return order; } },
    };

    [Theory]
    [MemberData(nameof(HostileOrders))]
    public async Task OrderFieldsOutOfRange_AreInvalidArgumentNamingTheField_WithABoundedMessage(string field, Func<SubmitOrderRequest, SubmitOrderRequest> hostile)
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);

        var error = await Assert.ThrowsAsync<RpcException>(() => server.Orders.SubmitOrderAsync(hostile(Market(OrderType.Buy, 0.1m, "hostile")), cancellationToken: Token).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(field, error.Status.Detail, StringComparison.Ordinal);
        Assert.True(error.Status.Detail.Length < 1_100, $"{error.Status.Detail.Length} characters");
        await AssertTradingAsync(server, "after-order");
    }

    [Fact]
    public async Task AHugeSymbol_IsNeverEchoed_ByAnyCall()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        var admin = new Admin.AdminClient(await server.InvokerForAsync(server.AdminKey));
        var huge = new string('Y', 10_000);
        var calls = new List<Func<Task>>
        {
            () => server.MarketData.GetSymbolAsync(new GetSymbolRequest { Symbol = huge }, cancellationToken: Token).ResponseAsync,
            () => server.MarketData.GetBarsAsync(new GetBarsRequest { Symbol = huge, Timeframe = Timeframe.M1 }, cancellationToken: Token).ResponseAsync,
            () => server.MarketData.GetLastTicksAsync(new GetLastTicksRequest { Symbols = { huge } }, cancellationToken: Token).ResponseAsync,
            () => server.Orders.ListOrdersAsync(new ListOrdersRequest { AccountId = CoreServer.DemoAccount, Symbol = huge }, cancellationToken: Token).ResponseAsync,
            () => server.Orders.ListDealsAsync(new ListDealsRequest { AccountId = CoreServer.DemoAccount, Symbol = huge }, cancellationToken: Token).ResponseAsync,
            () => server.Positions.ListPositionsAsync(new ListPositionsRequest { AccountId = CoreServer.DemoAccount, Symbol = huge }, cancellationToken: Token).ResponseAsync,
            () => admin.SetSymbolEnabledAsync(new SetSymbolEnabledRequest { Symbol = huge }, cancellationToken: Token).ResponseAsync,
            () => admin.ImportBarsAsync(new ImportBarsRequest { Symbol = huge, Timeframe = Timeframe.H1, Content = "x" }, cancellationToken: Token).ResponseAsync,
            async () =>
            {
                using var call = server.MarketData.StreamTicks(new StreamTicksRequest { Symbols = { huge } }, cancellationToken: Token);
                await call.ResponseStream.MoveNext(Token);
            },
        };

        foreach (var call in calls)
        {
            var error = await Assert.ThrowsAsync<RpcException>(call);
            Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
            Assert.DoesNotContain(new string('Y', 64), error.Status.Detail, StringComparison.Ordinal);
        }
    }

    private static CreateAccountRequest NewAccount(long id) => new() { AccountId = id, Currency = "USD", Leverage = 100, MarginMode = MarginMode.RetailNetting, Balance = D(1_000m) };

    /// <summary>The engine still serves: health SERVING and an order fills for the demo account.</summary>
    private static async Task AssertTradingAsync(CoreServer server, string clientOrderId)
    {
        // SERVING once recovery finished (on a loaded machine the hostile calls, refused at the edge, can come first);
        // a halted engine never is.
        var health = new Health.HealthClient(server.Channel);
        await Eventually(async () => (await health.CheckAsync(new HealthCheckRequest(), cancellationToken: Token)).Status == HealthCheckResponse.Types.ServingStatus.Serving);
        await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        var order = await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.1m, clientOrderId), cancellationToken: Token);
        Assert.Equal(TradeRetcode.Done, order.Result.Retcode);
    }

    private static string SymbolLine(string name, string contractSize) =>
        $$"""{"type":"symbol","name":"{{name}}","digits":5,"tick_size":"0.00001","tick_value":"1","contract_size":"{{contractSize}}","volume_min":"0.01","volume_max":"100","volume_step":"0.01","volume_limit":"0","stops_level":0,"freeze_level":0,"trade_mode":4,"exe_mode":2,"filling_mode":3,"expiration_mode":15,"order_mode":127,"calc_mode":0,"currency_base":"EUR","currency_profit":"USD","currency_margin":"EUR","margin_initial":"0"}""";
}
