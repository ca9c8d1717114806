using Grpc.Core;
using TradingCore.Contracts.V1;
using static TradingCore.Testing.Wire;

namespace TradingCore.Tests;

/// <summary>
/// After a restart the book is valued from the last known quotes (stale), never as if positions were flat; what
/// the core has no price for is NO_QUOTE and no decision is taken on it; a terminal resumes where the core stopped.
/// </summary>
public sealed class RestartCorrectnessTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AfterARestart_MarginComesFromTheLastKnownQuote_MarkedStale_AndAWithdrawalCannotEatIt()
    {
        using var data = new TempDirectory();
        decimal marginBefore;
        await using (var server = new CoreServer(data.Path))
        {
            await server.QuoteAsync("XAUUSD", 2000.00m, 2000.50m);
            Assert.Equal(TradeRetcode.Done, (await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 40m, "gold", "XAUUSD"), cancellationToken: Token)).Result.Retcode);
            marginBefore = (await server.Accounts.GetAccountAsync(new GetAccountRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token)).Account.Margin.ToDecimal();
            Assert.Equal(80_020m, marginBefore); // 40 lots x 100 oz x 2000.50 / 100
        }

        await using var restarted = new CoreServer(data.Path);
        var account = (await restarted.Accounts.GetAccountAsync(new GetAccountRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token)).Account;
        var position = (await restarted.Positions.ListPositionsAsync(new ListPositionsRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token)).Positions.Single();
        var admin = new Admin.AdminClient(await restarted.InvokerForAsync(restarted.AdminKey));
        var withdrawal = await Assert.ThrowsAsync<RpcException>(() => admin.ChangeBalanceAsync(new ChangeBalanceRequest { AccountId = CoreServer.DemoAccount, Amount = D(-50_000m) }, cancellationToken: Token).ResponseAsync);
        var market = await restarted.Orders.SubmitOrderAsync(Market(OrderType.Buy, 1m, "after-restart", "XAUUSD"), cancellationToken: Token);

        Assert.Equal((marginBefore, PriceState.Stale), (account.Margin.ToDecimal(), account.PriceState));
        Assert.Equal((2000.00m, PriceState.Stale), (position.PriceCurrent.ToDecimal(), position.PriceState));
        Assert.Equal(StatusCode.FailedPrecondition, withdrawal.StatusCode);
        Assert.Equal(TradeRetcode.PriceOff, market.Result.Retcode);

        await restarted.QuoteAsync("XAUUSD", 2001.00m, 2001.50m);
        var live = (await restarted.Accounts.GetAccountAsync(new GetAccountRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token)).Account;
        Assert.Equal(PriceState.Live, live.PriceState);
    }

    [Fact]
    public async Task APositionWithoutAnyQuote_ReadsNoQuote_NotFlat_AndNothingIsDecidedOnZero()
    {
        using var data = new TempDirectory();
        await using (var server = new CoreServer(data.Path))
        {
            await server.QuoteAsync("XAUUSD", 2000.00m, 2000.50m);
            await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 40m, "gold", "XAUUSD"), cancellationToken: Token);
        }

        // As if the core had died before it ever saved a quote.
        await TestStore.ExecuteAsync(data.Path, "DELETE FROM \"last_quotes\"", Token);

        await using var restarted = new CoreServer(data.Path);
        var account = (await restarted.Accounts.GetAccountAsync(new GetAccountRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token)).Account;
        var position = (await restarted.Positions.ListPositionsAsync(new ListPositionsRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token)).Positions.Single();
        var admin = new Admin.AdminClient(await restarted.InvokerForAsync(restarted.AdminKey));
        var withdrawal = await Assert.ThrowsAsync<RpcException>(() => admin.ChangeBalanceAsync(new ChangeBalanceRequest { AccountId = CoreServer.DemoAccount, Amount = D(-1m) }, cancellationToken: Token).ResponseAsync);
        var check = await restarted.Orders.CheckOrderAsync(new CheckOrderRequest { Order = Market(OrderType.Buy, 0.1m, "check") }, cancellationToken: Token);

        Assert.Equal(PriceState.NoQuote, account.PriceState);
        Assert.Null(account.Equity);
        Assert.Null(account.Margin);
        Assert.Null(account.FreeMargin);
        Assert.Equal(100_000m, account.Balance.ToDecimal());
        Assert.Equal(PriceState.NoQuote, position.PriceState);
        Assert.Null(position.Profit);
        Assert.Null(position.PriceCurrent);
        Assert.Equal(StatusCode.FailedPrecondition, withdrawal.StatusCode);
        Assert.Contains("cannot be valued", withdrawal.Status.Detail, StringComparison.Ordinal);
        Assert.Equal((TradeRetcode.PriceOff, PriceState.NoQuote), (check.Retcode, check.PriceState));
    }

    [Fact]
    public async Task BridgeResumePoints_SurviveARestart()
    {
        using var data = new TempDirectory();
        var port = BridgeTerminal.FreePort();
        var settings = BridgeTerminal.Settings(port);
        await using (var server = new CoreServer(data.Path, feed: "Bridge", settings: settings))
        {
            await using var terminal = await BridgeTerminal.ConnectAsync(port);
            Assert.Empty(terminal.LastWelcome!.Value.GetProperty("resume").EnumerateObject());
            await terminal.SymbolAsync("EURUSD");
            await terminal.TickAsync("EURUSD", 1_785_327_812_476, "1.08412", "1.08415");
            await terminal.TickAsync("EURUSD", 1_785_327_813_000, "1.08413", "1.08416");
            await Eventually(async () => (await server.MarketData.GetLastTicksAsync(new GetLastTicksRequest { Symbols = { "EURUSD" } }, cancellationToken: Token)).Ticks.SingleOrDefault()?.Bid.ToDecimal() == 1.08413m);
        }

        await using var restarted = new CoreServer(data.Path, feed: "Bridge", settings: settings);
        await using var again = await BridgeTerminal.ConnectAsync(port);

        Assert.Equal(1_785_327_813_000, again.LastWelcome!.Value.GetProperty("resume").GetProperty("EURUSD").GetInt64());
    }
}
