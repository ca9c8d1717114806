using Grpc.Core;
using TradingCore.Contracts.V1;
using static TradingCore.Testing.Wire;

namespace TradingCore.Tests;

/// <summary>The Admin service: accounts, keys, symbols and the audit trail, with a real server and real logins.</summary>
public sealed class AdminTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<(CoreServer Server, Admin.AdminClient Admin)> Start(TempDirectory data)
    {
        var server = new CoreServer(data.Path);
        return (server, new Admin.AdminClient(await server.InvokerForAsync(server.AdminKey)));
    }

    [Fact]
    public async Task NewAccountAndKey_TradeInIsolationFromTheDemoAccount()
    {
        using var data = new TempDirectory();
        var (server, admin) = await Start(data);
        await using var _ = server;
        await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);

        var account = (await admin.CreateAccountAsync(new CreateAccountRequest { Name = "desk 2", Currency = "USD", Leverage = 50, MarginMode = MarginMode.RetailHedging, Balance = D(5_000m) }, cancellationToken: Token)).Account;
        var issued = await admin.IssueApiKeyAsync(new IssueApiKeyRequest { Name = "bot 2", Roles = { Role.Trader }, AccountIds = { account.AccountId } }, cancellationToken: Token);
        var second = await server.InvokerForAsync(new Credentials.Key(issued.Key.KeyId, issued.Secret));
        var orders = new Orders.OrdersClient(second);

        Assert.Equal(1002, account.AccountId);
        Assert.Equal(5_000m, account.Balance.ToDecimal());
        Assert.Equal(TradeRetcode.Done, (await orders.SubmitOrderAsync(Market(OrderType.Buy, 0.1m, "same-id", account: account.AccountId), cancellationToken: Token)).Result.Retcode);
        Assert.Equal(TradeRetcode.Done, (await server.Orders.SubmitOrderAsync(Market(OrderType.Sell, 0.2m, "same-id"), cancellationToken: Token)).Result.Retcode);

        var denied = await Assert.ThrowsAsync<RpcException>(() => orders.SubmitOrderAsync(Market(OrderType.Buy, 0.1m, "x"), cancellationToken: Token).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        var ownView = (await new Accounts.AccountsClient(second).ListAccountsAsync(new ListAccountsRequest(), cancellationToken: Token)).Accounts;
        Assert.Equal([account.AccountId], ownView.Select(a => a.AccountId));

        // A client order id is per account: each account sees only its own order under it.
        var mine = (await orders.GetOrderAsync(new GetOrderRequest { AccountId = account.AccountId, ClientOrderId = "same-id" }, cancellationToken: Token)).Order;
        Assert.Equal(OrderType.Buy, mine.Type);
        var theirs = (await server.Orders.GetOrderAsync(new GetOrderRequest { AccountId = CoreServer.DemoAccount, ClientOrderId = "same-id" }, cancellationToken: Token)).Order;
        Assert.Equal(OrderType.Sell, theirs.Type);
        var otherTicket = await Assert.ThrowsAsync<RpcException>(() => orders.GetOrderAsync(new GetOrderRequest { AccountId = account.AccountId, OrderTicket = theirs.Ticket }, cancellationToken: Token).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, otherTicket.StatusCode);

        var entries = (await admin.ListAuditEntriesAsync(new ListAuditEntriesRequest(), cancellationToken: Token)).Entries;
        Assert.Equal(["IssueApiKey", "CreateAccount"], entries.Select(entry => entry.Action));
        Assert.Equal(server.AdminKey.KeyId, entries[0].Actor);
        Assert.Contains("\"accountId\": \"1002\"", entries[1].After, StringComparison.Ordinal);
        Assert.DoesNotContain(issued.Secret, string.Join("", entries.Select(entry => entry.After)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokedKey_ItsTokenStopsWorkingImmediatelyAndLoginFails()
    {
        using var data = new TempDirectory();
        var (server, admin) = await Start(data);
        await using var _ = server;
        var accounts = new Accounts.AccountsClient(server.Invoker);
        await accounts.GetAccountAsync(new GetAccountRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token);

        var revoked = await admin.RevokeApiKeyAsync(new RevokeApiKeyRequest { KeyId = server.TraderKey.KeyId }, cancellationToken: Token);

        Assert.NotEqual(0, revoked.Key.RevokedMs);
        var call = await Assert.ThrowsAsync<RpcException>(() => accounts.GetAccountAsync(new GetAccountRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, call.StatusCode);
        var login = await Assert.ThrowsAsync<RpcException>(() => Credentials.LoginAsync(server.Channel.CreateCallInvoker(), server.TraderKey));
        Assert.Equal(StatusCode.Unauthenticated, login.StatusCode);
        Assert.Contains((await admin.ListApiKeysAsync(new ListApiKeysRequest(), cancellationToken: Token)).Keys, key => key.KeyId == server.TraderKey.KeyId && key.RevokedMs > 0);
    }

    [Fact]
    public async Task WrongSecret_IsUnauthenticatedWithTheSameMessageAsAnUnknownKey()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);

        var wrong = await Assert.ThrowsAsync<RpcException>(() => Credentials.LoginAsync(server.Channel.CreateCallInvoker(), server.TraderKey with { Secret = "not-the-secret" }));
        var unknown = await Assert.ThrowsAsync<RpcException>(() => Credentials.LoginAsync(server.Channel.CreateCallInvoker(), new Credentials.Key("tck_0000000000000000", "x")));

        Assert.Equal((StatusCode.Unauthenticated, StatusCode.Unauthenticated), (wrong.StatusCode, unknown.StatusCode));
        Assert.Equal(wrong.Status.Detail, unknown.Status.Detail);
    }

    [Fact]
    public async Task UpdateAccount_MarginModeOnlyBeforeTheFirstOrder_AndStateAndLimits()
    {
        using var data = new TempDirectory();
        var (server, admin) = await Start(data);
        await using var _ = server;
        await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);

        var hedging = await admin.UpdateAccountAsync(new UpdateAccountRequest { AccountId = CoreServer.DemoAccount, MarginMode = MarginMode.RetailHedging, Name = "renamed", Leverage = 200 }, cancellationToken: Token);
        Assert.Equal((MarginMode.RetailHedging, "renamed", 200), (hedging.Account.MarginMode, hedging.Account.Name, hedging.Account.Leverage));
        await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.1m, "first"), cancellationToken: Token);

        var error = await Assert.ThrowsAsync<RpcException>(() => admin.UpdateAccountAsync(new UpdateAccountRequest { AccountId = CoreServer.DemoAccount, MarginMode = MarginMode.RetailNetting }, cancellationToken: Token).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);

        var halted = await admin.UpdateAccountAsync(new UpdateAccountRequest { AccountId = CoreServer.DemoAccount, TradingState = AccountTradingState.Halted, Limits = new AccountLimits { MaxOrderVolume = D(1m) } }, cancellationToken: Token);
        Assert.Equal(AccountTradingState.Halted, halted.Account.TradingState);
        Assert.Equal(TradeRetcode.TradeDisabled, (await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.1m, "second"), cancellationToken: Token)).Result.Retcode);
    }

    [Fact]
    public async Task ChangeBalanceAndCloseAccount_CheckTheirPreconditions()
    {
        using var data = new TempDirectory();
        var (server, admin) = await Start(data);
        await using var _ = server;
        await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);

        var deposit = await admin.ChangeBalanceAsync(new ChangeBalanceRequest { AccountId = CoreServer.DemoAccount, Amount = D(500m), Comment = "top up" }, cancellationToken: Token);
        Assert.Equal((DealType.Balance, 500m, 100_500m), (deposit.Deal.Type, deposit.Deal.Profit.ToDecimal(), deposit.Account.Balance.ToDecimal()));
        await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 1m, "margin"), cancellationToken: Token);

        var withdraw = await Assert.ThrowsAsync<RpcException>(() => admin.ChangeBalanceAsync(new ChangeBalanceRequest { AccountId = CoreServer.DemoAccount, Amount = D(-100_000m) }, cancellationToken: Token).ResponseAsync);
        var close = await Assert.ThrowsAsync<RpcException>(() => admin.CloseAccountAsync(new CloseAccountRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token).ResponseAsync);
        Assert.Equal((StatusCode.FailedPrecondition, StatusCode.FailedPrecondition), (withdraw.StatusCode, close.StatusCode));

        await server.Orders.SubmitOrderAsync(Market(OrderType.Sell, 1m, "flat"), cancellationToken: Token);
        var closed = await admin.CloseAccountAsync(new CloseAccountRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token);
        Assert.True(closed.Account.Closed);
        Assert.Equal(TradeRetcode.TradeDisabled, (await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.1m, "after-close"), cancellationToken: Token)).Result.Retcode);
    }

    private const string AllWeek = "Sun 00:00-24:00; Mon 00:00-24:00; Tue 00:00-24:00; Wed 00:00-24:00; Thu 00:00-24:00; Fri 00:00-24:00; Sat 00:00-24:00";

    [Fact]
    public async Task Symbols_CreateDisableAndKeepThemAcrossARestart()
    {
        using var data = new TempDirectory();
        var (server, admin) = await Start(data);
        await using (server)
        {
            var spec = (await admin.ListSymbolsAsync(new AdminListSymbolsRequest(), cancellationToken: Token)).Symbols.Single(symbol => symbol.Spec.Name == "EURUSD").Spec.Clone();
            spec.Name = "EURUSD.pro";
            spec.StopsLevel = 0;
            spec.MarginHedged = D(50_000m);
            spec.MarginHedgedUseLeg = true;
            spec.TradeSessions = AllWeek; // the test runs on the wall clock: open every day
            spec.ServerUtcOffsetMinutes = 120;
            spec.SwapMode = SwapMode.Points;
            spec.SwapLong = D(-7.2m);
            spec.SwapShort = D(1.5m);
            var created = await admin.UpsertSymbolAsync(new UpsertSymbolRequest { Spec = spec }, cancellationToken: Token);
            Assert.True(created.Symbol.Enabled);
            await server.QuoteAsync("EURUSD.pro", 1.10000m, 1.10002m);
            Assert.Equal(TradeRetcode.Done, (await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.1m, "pro", symbol: "EURUSD.pro"), cancellationToken: Token)).Result.Retcode);

            await admin.SetSymbolEnabledAsync(new SetSymbolEnabledRequest { Symbol = "EURUSD.pro", Enabled = false }, cancellationToken: Token);

            Assert.DoesNotContain((await server.MarketData.ListSymbolsAsync(new ListSymbolsRequest(), cancellationToken: Token)).Symbols, symbol => symbol.Name == "EURUSD.pro");
            Assert.Equal(TradeRetcode.TradeDisabled, (await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.1m, "pro-2", symbol: "EURUSD.pro"), cancellationToken: Token)).Result.Retcode);
        }

        await using var restarted = new CoreServer(data.Path);
        var restartedAdmin = new Admin.AdminClient(await restarted.InvokerForAsync(restarted.AdminKey));
        var stored = (await restartedAdmin.ListSymbolsAsync(new AdminListSymbolsRequest(), cancellationToken: Token)).Symbols.Single(symbol => symbol.Spec.Name == "EURUSD.pro");
        Assert.False(stored.Enabled);
        Assert.Equal(0, stored.Spec.StopsLevel);
        Assert.Equal((50_000m, true), (stored.Spec.MarginHedged.ToDecimal(), stored.Spec.MarginHedgedUseLeg));
        Assert.Equal((AllWeek, 120), (stored.Spec.TradeSessions, stored.Spec.ServerUtcOffsetMinutes));
        Assert.Equal((SwapMode.Points, -7.2m, 1.5m, 3), (stored.Spec.SwapMode, stored.Spec.SwapLong.ToDecimal(), stored.Spec.SwapShort.ToDecimal(), stored.Spec.SwapRollover3Days));
        Assert.Single((await restarted.Positions.ListPositionsAsync(new ListPositionsRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token)).Positions);
    }

    [Fact]
    public async Task StopOutLevels_InMoneyOrPercent_AreSetCheckedAndKeptAcrossARestart()
    {
        using var data = new TempDirectory();
        long accountId;
        var (server, admin) = await Start(data);
        await using (server)
        {
            var created = (await admin.CreateAccountAsync(new CreateAccountRequest { Currency = "USD", Leverage = 100, MarginMode = MarginMode.RetailNetting, Balance = D(1_000m), StopOutMode = StopOutMode.Money, MarginCallLevel = D(900m), StopOutLevel = D(600m) }, cancellationToken: Token)).Account;
            accountId = created.AccountId;
            Assert.Equal((StopOutMode.Money, 900m, 600m, false), (created.StopOutMode, created.MarginCallLevel.ToDecimal(), created.StopOutLevel.ToDecimal(), created.MarginCall));

            var defaults = (await admin.CreateAccountAsync(new CreateAccountRequest { Currency = "USD", Leverage = 100, MarginMode = MarginMode.RetailNetting, Balance = D(1m) }, cancellationToken: Token)).Account;
            Assert.Equal((StopOutMode.Percent, 100m, 50m), (defaults.StopOutMode, defaults.MarginCallLevel.ToDecimal(), defaults.StopOutLevel.ToDecimal()));

            var inverted = await Assert.ThrowsAsync<RpcException>(() => admin.CreateAccountAsync(new CreateAccountRequest { Currency = "USD", Leverage = 100, MarginMode = MarginMode.RetailNetting, MarginCallLevel = D(40m), StopOutLevel = D(50m) }, cancellationToken: Token).ResponseAsync);
            var moneyWithoutLevels = await Assert.ThrowsAsync<RpcException>(() => admin.CreateAccountAsync(new CreateAccountRequest { Currency = "USD", Leverage = 100, MarginMode = MarginMode.RetailNetting, StopOutMode = StopOutMode.Money }, cancellationToken: Token).ResponseAsync);
            var partialUpdate = await Assert.ThrowsAsync<RpcException>(() => admin.UpdateAccountAsync(new UpdateAccountRequest { AccountId = accountId, StopOutLevel = D(20m) }, cancellationToken: Token).ResponseAsync);
            Assert.Contains("margin_call_level", inverted.Status.Detail, StringComparison.Ordinal);
            Assert.Contains("margin_call_level", moneyWithoutLevels.Status.Detail, StringComparison.Ordinal);
            Assert.Contains("stop_out_level", moneyWithoutLevels.Status.Detail, StringComparison.Ordinal);
            Assert.Contains("stop_out_mode", partialUpdate.Status.Detail, StringComparison.Ordinal);

            var updated = (await admin.UpdateAccountAsync(new UpdateAccountRequest { AccountId = accountId, StopOutMode = StopOutMode.Percent, MarginCallLevel = D(120m), StopOutLevel = D(30m) }, cancellationToken: Token)).Account;
            Assert.Equal((StopOutMode.Percent, 120m, 30m), (updated.StopOutMode, updated.MarginCallLevel.ToDecimal(), updated.StopOutLevel.ToDecimal()));
        }

        await using var restarted = new CoreServer(data.Path);
        var restartedAdmin = new Admin.AdminClient(await restarted.InvokerForAsync(restarted.AdminKey));
        var stored = (await restartedAdmin.ListAccountsAsync(new AdminListAccountsRequest(), cancellationToken: Token)).Accounts.Single(account => account.AccountId == accountId);
        Assert.Equal((StopOutMode.Percent, 120m, 30m), (stored.StopOutMode, stored.MarginCallLevel.ToDecimal(), stored.StopOutLevel.ToDecimal()));
    }

    [Fact]
    public async Task ACommissionSchedule_IsChargedOnDeals_AndKeptAcrossARestart()
    {
        using var data = new TempDirectory();
        var (server, admin) = await Start(data);
        await using (server)
        {
            await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
            var rule = new CommissionRule { Symbols = "EUR*", Basis = CommissionBasis.PerLot, Amount = D(7m) };
            var updated = (await admin.UpdateAccountAsync(new UpdateAccountRequest { AccountId = CoreServer.DemoAccount, Commissions = new CommissionSchedule { Rules = { rule } } }, cancellationToken: Token)).Account;
            Assert.Equal("EUR*", Assert.Single(updated.Commissions).Symbols);

            var bad = await Assert.ThrowsAsync<RpcException>(() => admin.UpdateAccountAsync(new UpdateAccountRequest { AccountId = CoreServer.DemoAccount, Commissions = new CommissionSchedule { Rules = { new CommissionRule { Symbols = "a b", Amount = D(-1m) } } } }, cancellationToken: Token).ResponseAsync);
            Assert.Contains("commissions.rules[0].symbols", bad.Status.Detail, StringComparison.Ordinal);
            Assert.Contains("commissions.rules[0].amount", bad.Status.Detail, StringComparison.Ordinal);

            // 0.50 lot at 7 USD per lot, in and out: 3.50 on the deal.
            var filled = await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.5m, "with-commission"), cancellationToken: Token);
            var deal = (await server.Orders.ListDealsAsync(new ListDealsRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token)).Deals.Single(d => d.Ticket == filled.Result.DealTicket);
            Assert.Equal(-3.50m, deal.Commission.ToDecimal());
        }

        await using var restarted = new CoreServer(data.Path);
        var account = (await restarted.Accounts.GetAccountAsync(new GetAccountRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token)).Account;
        Assert.Equal(7m, Assert.Single(account.Commissions).Amount.ToDecimal());
    }

    [Fact]
    public async Task UpsertSymbol_InvalidSpec_NamesTheFields()
    {
        using var data = new TempDirectory();
        var (server, admin) = await Start(data);
        await using var _ = server;

        var error = await Assert.ThrowsAsync<RpcException>(() => admin.UpsertSymbolAsync(new UpsertSymbolRequest { Spec = new SymbolInfo { Name = "BAD NAME", Digits = 12, MarginHedged = D(-1m), TradeSessions = "Monday 9-5" } }, cancellationToken: Token).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("spec.name", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("spec.digits", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("spec.calc_mode", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("spec.margin_hedged", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("spec.trade_sessions", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonAdmin_CallingAdmin_IsPermissionDenied()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);

        var error = await Assert.ThrowsAsync<RpcException>(() => new Admin.AdminClient(server.Invoker).ListApiKeysAsync(new ListApiKeysRequest(), cancellationToken: Token).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }
}
