using TradingCore.Contracts.V1;
using TradingCore.Testing;
using static TradingCore.Testing.Wire;

namespace TradingCore.Tests;

/// <summary>
/// Pending orders of an MT5-routed account end to end (docs/mt5-routing.md): placed, modified and cancelled through
/// MT5 with its answers, triggered and expired by MT5, and found again by the sweep after a reconnect.
/// </summary>
public sealed class Mt5PendingEndToEndTests
{
    private const long Account = RoutedCore.Account;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static SubmitOrderRequest Limit(string id, decimal price) => new()
    {
        AccountId = Account,
        ClientOrderId = id,
        Symbol = "EURUSD",
        Type = OrderType.BuyLimit,
        Volume = D(0.1m),
        Price = D(price),
    };

    [Fact]
    public async Task A_pending_order_is_placed_modified_and_filled_by_MT5()
    {
        using var data = new TempDirectory();
        var (server, port) = await RoutedCore.StartAsync(data);
        await using var _ = server;
        var account = new FakeMt5Account();
        await using var mt5 = await RoutedCore.ConnectAsync(server, port, account);

        var sent = await server.Orders.SubmitOrderAsync(Limit("limit", 1.08000m), cancellationToken: Token);
        Assert.Equal((TradeRetcode.Placed, OrderState.RequestAdd), (sent.Result.Retcode, sent.Order.State));
        var placed = await RoutedCore.WhenAsync(server, "limit", OrderState.Placed);
        Assert.Equal(1.08000m, account.PendingPrice(placed.Mt5OrderTicket));

        var modify = await server.Orders.ModifyOrderAsync(new ModifyOrderRequest { AccountId = Account, OrderTicket = placed.Ticket, Price = D(1.07900m) }, cancellationToken: Token);
        Assert.Equal(TradeRetcode.Placed, modify.Result.Retcode);
        await Eventually(async () => (await RoutedCore.OrderAsync(server, "limit")) is { State: OrderState.Placed } order && order.PriceOpen.ToDecimal() == 1.07900m);
        Assert.Equal(1.07900m, account.PendingPrice(placed.Mt5OrderTicket));

        await mt5.TriggerAsync(placed.Mt5OrderTicket);
        var filled = await RoutedCore.WhenAsync(server, "limit", OrderState.Filled);
        Assert.Equal(1.07900m, filled.PriceFilled.ToDecimal());
        var position = Assert.Single((await server.Positions.ListPositionsAsync(new ListPositionsRequest { AccountId = Account }, cancellationToken: Token)).Positions);

        // Its stop loss changes once MT5 confirms it (TRADE_ACTION_SLTP).
        var stops = await server.Positions.ModifyPositionAsync(new ModifyPositionRequest { AccountId = Account, PositionTicket = position.Ticket, StopLoss = D(1.07000m) }, cancellationToken: Token);
        Assert.Equal(TradeRetcode.Placed, stops.Result.Retcode);
        await Eventually(async () => (await server.Positions.ListPositionsAsync(new ListPositionsRequest { AccountId = Account }, cancellationToken: Token)).Positions.Single().StopLoss?.ToDecimal() == 1.07000m);
        Assert.Equal(position.Mt5PositionId, mt5.Orders.Last().GetProperty("position").GetUInt64());
        Assert.Equal("sltp", mt5.Orders.Last().GetProperty("action").GetString());

        // Changed by hand in the terminal: the position takes MT5's stops.
        await mt5.PositionStopsAsync(position.Mt5PositionId, 1.06500m);
        await Eventually(async () => (await server.Positions.ListPositionsAsync(new ListPositionsRequest { AccountId = Account }, cancellationToken: Token)).Positions.Single().StopLoss?.ToDecimal() == 1.06500m);
    }

    [Fact]
    public async Task A_close_by_on_a_hedging_account_closes_both_positions_in_MT5()
    {
        using var data = new TempDirectory();
        var (server, port) = await RoutedCore.StartAsync(data);
        await using var _ = server;
        var admin = new Admin.AdminClient(await server.InvokerForAsync(server.AdminKey));
        await admin.UpdateAccountAsync(new UpdateAccountRequest { AccountId = Account, MarginMode = MarginMode.RetailHedging }, cancellationToken: Token);
        var account = new FakeMt5Account(hedging: true);
        var mt5 = await FakeTradeServer.ConnectAsync(port, RoutedCore.Login, account, marginMode: 2);
        await using var __ = mt5;
        await Eventually(async () => (await RoutedCore.AccountAsync(server)).VenueState == VenueState.Connected);
        await Eventually(async () => (await server.MarketData.GetLastTicksAsync(new GetLastTicksRequest { Symbols = { "EURUSD" } }, cancellationToken: Token)).Ticks.Count == 1);

        await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.1m, "long"), cancellationToken: Token);
        await RoutedCore.WhenAsync(server, "long", OrderState.Filled);
        account.Ask = 1.08515m; // the sell opens 10 points higher: the close-by realizes (1.08511 - 1.08417) x 0.1 x 100,000 = 9.40
        await server.Orders.SubmitOrderAsync(Market(OrderType.Sell, 0.1m, "short"), cancellationToken: Token);
        await RoutedCore.WhenAsync(server, "short", OrderState.Filled);
        var positions = (await server.Positions.ListPositionsAsync(new ListPositionsRequest { AccountId = Account }, cancellationToken: Token)).Positions.OrderBy(position => position.Type).ToList();
        Assert.Equal(2, positions.Count);

        var closeBy = await server.Positions.ClosePositionByAsync(new ClosePositionByRequest { AccountId = Account, PositionTicket = positions[0].Ticket, OppositePositionTicket = positions[1].Ticket, ClientOrderId = "by" }, cancellationToken: Token);
        Assert.Equal(TradeRetcode.Placed, closeBy.Result.Retcode);
        await RoutedCore.WhenAsync(server, "by", OrderState.Filled);
        Assert.Empty((await server.Positions.ListPositionsAsync(new ListPositionsRequest { AccountId = Account }, cancellationToken: Token)).Positions);
        var deals = (await server.Orders.ListDealsAsync(new ListDealsRequest { AccountId = Account }, cancellationToken: Token)).Deals;
        Assert.Equal(2, deals.Count(deal => deal.Entry == DealEntry.OutBy));
        Assert.Contains(deals, deal => deal.Entry == DealEntry.OutBy && deal.Profit.ToDecimal() == 9.40m);
        Assert.Equal(account.Balance, (await RoutedCore.AccountAsync(server)).Balance.ToDecimal());
    }

    [Fact]
    public async Task Cancels_go_through_MT5_and_MT5s_own_ends_and_unseen_ones_are_mirrored()
    {
        using var data = new TempDirectory();
        var (server, port) = await RoutedCore.StartAsync(data);
        await using var _ = server;
        var account = new FakeMt5Account();
        var mt5 = await RoutedCore.ConnectAsync(server, port, account);

        await server.Orders.SubmitOrderAsync(Limit("cancelled", 1.08000m), cancellationToken: Token);
        var cancelled = await RoutedCore.WhenAsync(server, "cancelled", OrderState.Placed);
        await server.Orders.CancelOrderAsync(new CancelOrderRequest { AccountId = Account, OrderTicket = cancelled.Ticket }, cancellationToken: Token);
        await RoutedCore.WhenAsync(server, "cancelled", OrderState.Canceled);
        Assert.Null(account.PendingPrice(cancelled.Mt5OrderTicket));

        await server.Orders.SubmitOrderAsync(Limit("expired", 1.07000m), cancellationToken: Token);
        var expiring = await RoutedCore.WhenAsync(server, "expired", OrderState.Placed);
        await mt5.EndPendingAsync(expiring.Mt5OrderTicket, state: 6);
        await RoutedCore.WhenAsync(server, "expired", OrderState.Expired);

        // Away: one order is cancelled by hand in the terminal; the sweep finds it gone, and keeps the other.
        await server.Orders.SubmitOrderAsync(Limit("gone", 1.06000m), cancellationToken: Token);
        await server.Orders.SubmitOrderAsync(Limit("kept", 1.05000m), cancellationToken: Token);
        var gone = await RoutedCore.WhenAsync(server, "gone", OrderState.Placed);
        await RoutedCore.WhenAsync(server, "kept", OrderState.Placed);
        mt5.Abort();
        await mt5.DisposeAsync();
        await Eventually(async () => (await server.Accounts.GetAccountAsync(new GetAccountRequest { AccountId = Account }, cancellationToken: Token)).Account.VenueState == VenueState.Disconnected);
        Assert.True(account.Remove(gone.Mt5OrderTicket));
        await using var again = await RoutedCore.ConnectAsync(server, port, account);
        var ended = await RoutedCore.WhenAsync(server, "gone", OrderState.Canceled);
        Assert.Contains("no longer open in MT5", ended.RetcodeMessage, StringComparison.Ordinal);
        Assert.Equal(OrderState.Placed, (await RoutedCore.OrderAsync(server, "kept")).State);
    }
}
