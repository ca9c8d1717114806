using Microsoft.Extensions.DependencyInjection;
using TradingCore.Contracts.V1;
using TradingCore.Testing;
using static TradingCore.Testing.Wire;

namespace TradingCore.Tests;

/// <summary>
/// Ambiguous outcomes and reconciliation with MT5, end to end (docs/mt5-routing.md): an order in flight when the
/// terminal goes away is UNKNOWN; on reconnect the terminal's sweep decides it (filled by a deal MT5 made while the
/// terminal was away, or never executed), applies what happened unseen (a trade by hand, a deposit) and the account
/// ends as MT5 holds it; a retry never sends a second order.
/// </summary>
public sealed class Mt5ReconciliationEndToEndTests
{
    private const long Login = RoutedCore.Login;
    private const long Account = RoutedCore.Account;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<IReadOnlyList<Position>> PositionsAsync(CoreServer server) =>
        (await server.Positions.ListPositionsAsync(new ListPositionsRequest { AccountId = Account }, cancellationToken: Token)).Positions;

    [Fact]
    public async Task An_order_in_flight_when_the_terminal_goes_away_is_unknown_until_the_sweep_finds_its_fill()
    {
        using var data = new TempDirectory();
        var (server, port) = await RoutedCore.StartAsync(data);
        await using var _ = server;
        var account = new FakeMt5Account();
        var first = await RoutedCore.ConnectAsync(server, port, account);
        Assert.Equal(0, first.HistoryFromMsc); // an account with no MT5 deal yet sweeps the whole history

        first.Next(FakeTradeServer.Outcome.Silence);
        await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.2m, "in-flight"), cancellationToken: Token);
        await Eventually(() => account.InFlight.Count == 1);
        first.Abort();
        await first.DisposeAsync();
        await Eventually(async () => (await RoutedCore.OrderAsync(server, "in-flight")).State == OrderState.Unknown);

        // A retry while unknown is answered from the stored order: nothing is sent anywhere.
        var retry = await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.2m, "in-flight"), cancellationToken: Token);
        Assert.True(retry.Result.Duplicate);

        // MT5 executed it while the terminal was away; the reconnect's sweep brings the deal.
        var ticket = (await RoutedCore.OrderAsync(server, "in-flight")).Ticket;
        Assert.NotNull(account.Complete(ticket, execute: true));
        await using var second = await RoutedCore.ConnectAsync(server, port, account);
        await Eventually(async () => (await RoutedCore.OrderAsync(server, "in-flight")).State == OrderState.Filled);
        var filled = await RoutedCore.OrderAsync(server, "in-flight");
        Assert.Equal(1.08417m, filled.PriceFilled.ToDecimal());
        Assert.Equal(0.2m, Assert.Single(await PositionsAsync(server)).Volume.ToDecimal());
        Assert.Empty(second.Orders);
        Assert.Equal(account.Balance, (await RoutedCore.AccountAsync(server)).Balance.ToDecimal());
    }

    [Fact]
    public async Task An_order_MT5_never_executed_is_rejected_by_the_sweep_and_what_happened_unseen_is_applied()
    {
        using var data = new TempDirectory();
        var (server, port) = await RoutedCore.StartAsync(data);
        await using var _ = server;
        var account = new FakeMt5Account();
        var first = await RoutedCore.ConnectAsync(server, port, account);
        await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.1m, "opened"), cancellationToken: Token);
        await Eventually(async () => (await RoutedCore.OrderAsync(server, "opened")).State == OrderState.Filled);

        first.Next(FakeTradeServer.Outcome.Silence);
        await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.1m, "lost"), cancellationToken: Token);
        await Eventually(() => account.InFlight.Count == 1);
        first.Abort();
        await first.DisposeAsync();
        await Eventually(async () => (await RoutedCore.OrderAsync(server, "lost")).State == OrderState.Unknown);

        // While the terminal is away: the server drops the request, a trader closes the position by hand, and the
        // broker credits a deposit.
        Assert.Null(account.Complete((await RoutedCore.OrderAsync(server, "lost")).Ticket, execute: false));
        account.Execute(account.NewOrderTicket(), "EURUSD", isBuy: false, 0.1m, 1.08515m, reason: 0, "closed by hand", charge: false);
        account.ChangeBalance(500m);

        await using var second = await RoutedCore.ConnectAsync(server, port, account);
        Assert.True(second.HistoryFromMsc > 0); // from an hour before the last MT5 deal applied
        await Eventually(async () => (await RoutedCore.OrderAsync(server, "lost")).State == OrderState.Rejected);
        var lost = await RoutedCore.OrderAsync(server, "lost");
        Assert.Equal(TradeRetcode.Timeout, lost.Retcode);
        Assert.Contains("never executed", lost.RetcodeMessage, StringComparison.Ordinal);
        await Eventually(async () => (await PositionsAsync(server)).Count == 0);
        await Eventually(async () => (await RoutedCore.AccountAsync(server)).Balance.ToDecimal() == account.Balance);
        var deals = (await server.Orders.ListDealsAsync(new ListDealsRequest { AccountId = Account }, cancellationToken: Token)).Deals;
        Assert.Contains(deals, deal => deal.Comment == "closed by hand" && deal.Profit.ToDecimal() == 9.80m); // (1.08515 - 1.08417) x 0.1 x 100,000
        Assert.Contains(deals, deal => deal.Type == DealType.Balance && deal.Comment == "reconciliation with MT5" && deal.Profit.ToDecimal() == 500m);

        // The ledger adds up (balance = what the deals book, each position = its deals); a stored deal changed behind
        // the core's back is found.
        var ledger = server.Services.GetRequiredService<Routing.LedgerCheck>();
        Assert.Empty(await ledger.ProblemsAsync(server.Engine, Account, Token));
        await using (var context = await server.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Persistence.TradingDbContext>>().CreateDbContextAsync(Token))
        {
            await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlRawAsync(context.Database, "UPDATE \"deals\" SET \"Profit\" = \"Profit\" + 1, \"Volume\" = \"Volume\" + 0.1 WHERE \"Comment\" = 'closed by hand'", Token);
        }

        var problems = await ledger.ProblemsAsync(server.Engine, Account, Token);
        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, problem => problem.Contains("balance", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_order_MT5_does_not_answer_becomes_unknown_and_the_sweep_it_triggers_decides_it()
    {
        using var data = new TempDirectory();
        var (server, port) = await RoutedCore.StartAsync(data, new Dictionary<string, string> { ["TradingCore:Engine:RoutingTimeoutMs"] = "1000" });
        await using var _ = server;
        await using var mt5 = await RoutedCore.ConnectAsync(server, port, new FakeMt5Account());

        mt5.Next(FakeTradeServer.Outcome.Lost);
        await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.1m, "unanswered"), cancellationToken: Token);
        await Eventually(async () => (await RoutedCore.OrderAsync(server, "unanswered")).State is OrderState.Unknown or OrderState.Rejected);
        await Eventually(async () => (await RoutedCore.OrderAsync(server, "unanswered")).State == OrderState.Rejected);
        Assert.Equal(TradeRetcode.Timeout, (await RoutedCore.OrderAsync(server, "unanswered")).Retcode);
        Assert.Equal(1, mt5.Sweeps);
        Assert.Equal(AccountVenue.Mt5, (await RoutedCore.AccountAsync(server)).Venue);
    }

    [Fact]
    public async Task A_position_MT5_holds_that_the_core_never_saw_is_mirrored_at_the_first_sweep()
    {
        using var data = new TempDirectory();
        var (server, port) = await RoutedCore.StartAsync(data);
        await using var _ = server;
        var account = new FakeMt5Account();
        account.Execute(account.NewOrderTicket(), "EURUSD", isBuy: true, 0.5m, 1.08000m, reason: 0, "before routing", charge: false);

        await using var mt5 = await RoutedCore.ConnectAsync(server, port, account);
        var position = Assert.Single(await PositionsAsync(server));
        Assert.Equal((PositionType.Buy, 0.5m, 1.08000m), (position.Type, position.Volume.ToDecimal(), position.PriceOpen.ToDecimal()));
        Assert.NotEqual(0UL, position.Mt5PositionId);
    }
}
