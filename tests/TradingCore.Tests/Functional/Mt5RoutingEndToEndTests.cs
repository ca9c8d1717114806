using Grpc.Core;
using TradingCore.Contracts.V1;
using TradingCore.Testing;
using static TradingCore.Testing.Wire;

namespace TradingCore.Tests;

/// <summary>
/// Orders of an MT5-routed account, end to end through the gRPC API, the real bridge listener and a fake MT5 trade
/// server on a real socket (docs/mt5-routing.md): the venue set by Admin, the link's refusals, fills at MT5's price
/// with MT5's tickets, reordered and repeated reports applied once, partial fills, requotes and refusals with MT5's
/// retcodes, closes by MT5's position, and trades the core did not send.
/// </summary>
public sealed class Mt5RoutingEndToEndTests
{
    private const long Login = BridgeTerminal.Login;
    private const long Account = CoreServer.DemoAccount;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<(CoreServer Server, int Port)> StartRoutedAsync(TempDirectory data)
    {
        var port = BridgeTerminal.FreePort();
        var server = new CoreServer(data.Path, feed: "Bridge", settings: BridgeTerminal.Settings(port));
        var admin = new Admin.AdminClient(await server.InvokerForAsync(server.AdminKey));
        var routed = (await admin.UpdateAccountAsync(new UpdateAccountRequest { AccountId = Account, Venue = AccountVenue.Mt5, Mt5Login = Login }, cancellationToken: Token)).Account;
        Assert.Equal((AccountVenue.Mt5, Login, VenueState.Disconnected), (routed.Venue, routed.Mt5Login, routed.VenueState));
        return (server, port);
    }

    private static async Task<Order> SettledAsync(CoreServer server, string clientOrderId)
    {
        Order? order = null;
        await Eventually(async () =>
        {
            order = (await server.Orders.GetOrderAsync(new GetOrderRequest { AccountId = Account, ClientOrderId = clientOrderId }, cancellationToken: Token)).Order;
            return order.State is not (OrderState.RequestAdd or OrderState.Partial);
        });
        return order!;
    }

    /// <summary>A fake terminal logged in on the bridge: the account's venue is connected and EURUSD quoted.</summary>
    private static async Task<FakeTradeServer> LinkedAsync(CoreServer server, int port)
    {
        var mt5 = await FakeTradeServer.ConnectAsync(port, Login);
        await Eventually(async () => await VenueStateAsync(server) == VenueState.Connected);
        await QuotedAsync(server);
        return mt5;
    }

    private static Task QuotedAsync(CoreServer server) =>
        Eventually(async () => (await server.MarketData.GetLastTicksAsync(new GetLastTicksRequest { Symbols = { "EURUSD" } }, cancellationToken: Token)).Ticks.Count == 1);

    private static async Task<VenueState> VenueStateAsync(CoreServer server) =>
        (await server.Accounts.GetAccountAsync(new GetAccountRequest { AccountId = Account }, cancellationToken: Token)).Account.VenueState;

    [Fact]
    public async Task A_market_order_reaches_MT5_and_fills_at_MT5s_price_with_MT5s_tickets()
    {
        using var data = new TempDirectory();
        var (server, port) = await StartRoutedAsync(data);
        await using var _ = server;

        // No terminal: refused with MT5's "no connection", nothing sent.
        var early = await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.1m, "early"), cancellationToken: Token);
        Assert.Equal(TradeRetcode.Connection, early.Result.Retcode);

        await using var mt5 = await LinkedAsync(server, port);

        var sent = await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.1m, "routed-1"), cancellationToken: Token);
        Assert.Equal(TradeRetcode.Placed, sent.Result.Retcode);
        Assert.Equal(OrderState.RequestAdd, sent.Order.State);

        var filled = await SettledAsync(server, "routed-1");
        Assert.Equal(OrderState.Filled, filled.State);
        Assert.Equal(1.08417m, filled.PriceFilled.ToDecimal()); // MT5's price (its ask + slippage), not the feed's 1.08415
        Assert.NotEqual(0UL, filled.Mt5OrderTicket);
        var order = Assert.Single(mt5.Orders);
        Assert.Equal(filled.Ticket, order.GetProperty("request_id").GetUInt64());
        Assert.StartsWith("tc:", order.GetProperty("comment").GetString(), StringComparison.Ordinal);

        var position = Assert.Single((await server.Positions.ListPositionsAsync(new ListPositionsRequest { AccountId = Account }, cancellationToken: Token)).Positions);
        Assert.NotEqual(0UL, position.Mt5PositionId);
        var deal = Assert.Single((await server.Orders.ListDealsAsync(new ListDealsRequest { AccountId = Account, OrderTicket = filled.Ticket }, cancellationToken: Token)).Deals);
        Assert.NotEqual(0UL, deal.Mt5DealTicket);
        Assert.Equal(-0.70m, deal.Commission.ToDecimal());

        // A retry with the same client order id never sends a second order to MT5.
        var retry = await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.1m, "routed-1"), cancellationToken: Token);
        Assert.Equal(filled.Ticket, retry.Result.OrderTicket);
        await Task.Delay(200, Token);
        Assert.Single(mt5.Orders);

        // Closing sends MT5's position identifier; MT5's profit lands in the balance.
        var close = await server.Positions.ClosePositionAsync(new ClosePositionRequest { AccountId = Account, PositionTicket = position.Ticket, ClientOrderId = "routed-close" }, cancellationToken: Token);
        Assert.Equal(TradeRetcode.Placed, close.Result.Retcode);
        Assert.Equal(OrderState.Filled, (await SettledAsync(server, "routed-close")).State);
        Assert.Equal(position.Mt5PositionId, mt5.Orders.Last().GetProperty("position").GetUInt64());
        Assert.Empty((await server.Positions.ListPositionsAsync(new ListPositionsRequest { AccountId = Account }, cancellationToken: Token)).Positions);
    }

    [Fact]
    public async Task Reordered_repeated_partial_requoted_and_refused_reports_each_take_MT5s_outcome_once()
    {
        using var data = new TempDirectory();
        var (server, port) = await StartRoutedAsync(data);
        await using var _ = server;
        await using var mt5 = await LinkedAsync(server, port);

        // The deal before the result, and twice: one deal, one fill.
        mt5.Next(FakeTradeServer.Outcome.FillReordered);
        await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.1m, "reordered"), cancellationToken: Token);
        var reordered = await SettledAsync(server, "reordered");
        Assert.Equal(OrderState.Filled, reordered.State);
        await Task.Delay(200, Token);
        Assert.Single((await server.Orders.ListDealsAsync(new ListDealsRequest { AccountId = Account, OrderTicket = reordered.Ticket }, cancellationToken: Token)).Deals);

        // Two deals of one order under RETURN: partly filled, then filled at the average.
        mt5.Next(FakeTradeServer.Outcome.Partial);
        var returnOrder = Market(OrderType.Buy, 1m, "partial");
        returnOrder.Filling = OrderFilling.Return;
        Assert.Equal(TradeRetcode.Placed, (await server.Orders.SubmitOrderAsync(returnOrder, cancellationToken: Token)).Result.Retcode);
        var partial = await SettledAsync(server, "partial");
        Assert.Equal(2, mt5.Orders.Last().GetProperty("type_filling").GetInt32()); // ORDER_FILLING_RETURN
        Assert.Equal((OrderState.Filled, 1.084176m), (partial.State, partial.PriceFilled.ToDecimal())); // 0.4 × 1.08417 + 0.6 × 1.08418
        Assert.Equal(2, (await server.Orders.ListDealsAsync(new ListDealsRequest { AccountId = Account, OrderTicket = partial.Ticket }, cancellationToken: Token)).Deals.Count);

        // IOC confirmed in part: 0.4 of 1 lot filled, the rest cancelled.
        mt5.Next(FakeTradeServer.Outcome.PartialIoc);
        var iocOrder = Market(OrderType.Buy, 1m, "ioc");
        iocOrder.Filling = OrderFilling.Ioc;
        await server.Orders.SubmitOrderAsync(iocOrder, cancellationToken: Token);
        var ioc = await SettledAsync(server, "ioc");
        Assert.Equal((OrderState.Canceled, 0.6m), (ioc.State, ioc.VolumeCurrent.ToDecimal()));

        mt5.Next(FakeTradeServer.Outcome.Requote);
        await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.1m, "requoted"), cancellationToken: Token);
        var requoted = await SettledAsync(server, "requoted");
        Assert.Equal((OrderState.Rejected, TradeRetcode.Requote), (requoted.State, requoted.Retcode));
        Assert.Contains("Requote", requoted.RetcodeMessage, StringComparison.Ordinal);

        mt5.Next(FakeTradeServer.Outcome.NoMoney);
        await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.1m, "no-money"), cancellationToken: Token);
        Assert.Equal(TradeRetcode.NoMoney, (await SettledAsync(server, "no-money")).Retcode);

        // Netting: one position of 0.1 + 1.0 + 0.4 lots after the three fills.
        var position = Assert.Single((await server.Positions.ListPositionsAsync(new ListPositionsRequest { AccountId = Account }, cancellationToken: Token)).Positions);
        Assert.Equal(1.5m, position.Volume.ToDecimal());
    }

    [Fact]
    public async Task Trades_made_in_the_terminal_and_AutoTrading_and_disconnects_are_mirrored()
    {
        using var data = new TempDirectory();
        var (server, port) = await StartRoutedAsync(data);
        await using var _ = server;
        var mt5 = await LinkedAsync(server, port);

        // A sell made by hand in the terminal, then the broker's stop-out of it.
        await mt5.InjectDealAsync(isBuy: false, 0.3m, 1.08400m, reason: 0, comment: "by hand");
        await Eventually(async () => (await server.Positions.ListPositionsAsync(new ListPositionsRequest { AccountId = Account }, cancellationToken: Token)).Positions.Count == 1);
        var balance = (await server.Accounts.GetAccountAsync(new GetAccountRequest { AccountId = Account }, cancellationToken: Token)).Account.Balance.ToDecimal();
        await mt5.InjectDealAsync(isBuy: true, 0.3m, 1.09400m, reason: 6); // MT5's loss: (1.08400 - 1.09400) x 0.3 x 100,000
        await Eventually(async () => (await server.Positions.ListPositionsAsync(new ListPositionsRequest { AccountId = Account }, cancellationToken: Token)).Positions.Count == 0);
        Assert.Equal(balance - 300m, (await server.Accounts.GetAccountAsync(new GetAccountRequest { AccountId = Account }, cancellationToken: Token)).Account.Balance.ToDecimal());
        var deals = (await server.Orders.ListDealsAsync(new ListDealsRequest { AccountId = Account, PositionId = 0 }, cancellationToken: Token)).Deals;
        Assert.Contains(deals, deal => deal.Reason == TradeReason.So && deal.Profit.ToDecimal() == -300m);

        // AutoTrading off: MT5's 10027 and the terminal's health NOT_SERVING; on again: routed.
        var health = new global::Grpc.Health.V1.Health.HealthClient(server.Channel);
        async Task<global::Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus> Mt5HealthAsync()
        {
            try
            {
                return (await health.CheckAsync(new global::Grpc.Health.V1.HealthCheckRequest { Service = $"mt5/{Login}" }, cancellationToken: Token)).Status;
            }
            catch (RpcException error) when (error.StatusCode == StatusCode.NotFound)
            {
                return global::Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.ServiceUnknown; // not reported yet (4 times a second)
            }
        }

        await Eventually(async () => await Mt5HealthAsync() == global::Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving);
        await mt5.TradeAllowedAsync(false);
        await Eventually(async () => await VenueStateAsync(server) == VenueState.TradingDisabled);
        await Eventually(async () => await Mt5HealthAsync() == global::Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.NotServing);
        Assert.Equal(TradeRetcode.ClientDisablesAt, (await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.1m, "at-off"), cancellationToken: Token)).Result.Retcode);
        await mt5.TradeAllowedAsync(true);
        await Eventually(async () => await VenueStateAsync(server) == VenueState.Connected);

        // The terminal goes away: 10031 again.
        mt5.Abort();
        await mt5.DisposeAsync();
        await Eventually(async () => await VenueStateAsync(server) == VenueState.Disconnected);
        Assert.Equal(TradeRetcode.Connection, (await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.1m, "gone"), cancellationToken: Token)).Result.Retcode);
    }

    [Fact]
    public async Task A_terminals_report_beyond_the_value_ranges_is_refused_and_trading_goes_on()
    {
        using var data = new TempDirectory();
        var (server, port) = await StartRoutedAsync(data);
        await using var _ = server;
        await using var mt5 = await LinkedAsync(server, port);

        // Well-formed JSON with absurd values: refused by the engine (logged), the connection and trading go on.
        await mt5.SendRawAsync("""{"type":"deal","deal":1,"order":2,"symbol":"EURUSD","deal_type":0,"entry":0,"volume":"100000000000","price":"1.1","position":3,"reason":0,"magic":0,"time_msc":1785327812476}""");
        await mt5.SendRawAsync("""{"type":"sync_end","balance":"99999999999999999999"}""");
        await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.1m, "after-hostile"), cancellationToken: Token);
        Assert.Equal(OrderState.Filled, (await SettledAsync(server, "after-hostile")).State);
        var position = Assert.Single((await server.Positions.ListPositionsAsync(new ListPositionsRequest { AccountId = Account }, cancellationToken: Token)).Positions);
        Assert.Equal(0.1m, position.Volume.ToDecimal());
        Assert.True(server.Engine.IsRunning);
    }

    [Fact]
    public async Task Configuration_routes_an_account()
    {
        using var data = new TempDirectory();
        var port = BridgeTerminal.FreePort();
        var settings = BridgeTerminal.Settings(port);
        settings[$"TradingCore:AccountControl:{Account}:Mt5Login"] = Login.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var server = new CoreServer(data.Path, feed: "Bridge", settings: settings);
        await Eventually(async () => (await server.Accounts.GetAccountAsync(new GetAccountRequest { AccountId = Account }, cancellationToken: Token)).Account.Venue == AccountVenue.Mt5);
        var account = (await server.Accounts.GetAccountAsync(new GetAccountRequest { AccountId = Account }, cancellationToken: Token)).Account;
        Assert.Equal((Login, VenueState.Disconnected), (account.Mt5Login, account.VenueState));
    }

    [Fact]
    public async Task The_venue_is_an_operators_choice_with_clear_refusals()
    {
        using var data = new TempDirectory();
        var (server, _) = await StartRoutedAsync(data);
        await using var __ = server;
        var admin = new Admin.AdminClient(await server.InvokerForAsync(server.AdminKey));

        var missingLogin = await Assert.ThrowsAsync<RpcException>(() => admin.CreateAccountAsync(new CreateAccountRequest { Name = "x", Currency = "USD", Leverage = 100, MarginMode = MarginMode.RetailNetting, Venue = AccountVenue.Mt5 }, cancellationToken: Token).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, missingLogin.StatusCode);
        Assert.Contains("mt5_login", missingLogin.Status.Detail, StringComparison.Ordinal);

        var taken = await Assert.ThrowsAsync<RpcException>(() => admin.CreateAccountAsync(new CreateAccountRequest { Name = "x", Currency = "USD", Leverage = 100, MarginMode = MarginMode.RetailNetting, Venue = AccountVenue.Mt5, Mt5Login = Login }, cancellationToken: Token).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, taken.StatusCode);
        Assert.Contains($"already routed from account {Account}", taken.Status.Detail, StringComparison.Ordinal);

        var internalWithLogin = await Assert.ThrowsAsync<RpcException>(() => admin.UpdateAccountAsync(new UpdateAccountRequest { AccountId = Account, Venue = AccountVenue.Internal, Mt5Login = 5 }, cancellationToken: Token).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, internalWithLogin.StatusCode);

        var back = (await admin.UpdateAccountAsync(new UpdateAccountRequest { AccountId = Account, Venue = AccountVenue.Internal }, cancellationToken: Token)).Account;
        Assert.Equal((AccountVenue.Internal, 0L, VenueState.Unspecified), (back.Venue, back.Mt5Login, back.VenueState));
    }
}
