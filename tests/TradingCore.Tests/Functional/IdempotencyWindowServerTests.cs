using Grpc.Core;
using TradingCore.Contracts.V1;
using static TradingCore.Testing.Wire;

namespace TradingCore.Tests;

/// <summary>
/// With a small idempotency window, a client order id the engine forgot (after a restart, or while running) gets
/// the same answers on every entry point that takes one: SubmitOrder, the trade session, ClosePosition, GetOrder,
/// HTTP/JSON.
/// </summary>
public sealed class IdempotencyWindowServerTests
{
    private static readonly Dictionary<string, string> Window2 = new() { ["TradingCore:Engine:IdempotencyWindow"] = "2" };

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AfterARestart_AnOldClientOrderId_GetsTheSameAnswersEverywhere()
    {
        using var data = new TempDirectory();
        SubmitOrderResponse first;
        ClosePositionResponse closed;
        await using (var server = new CoreServer(data.Path, settings: Window2))
        {
            await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
            first = await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.10m, "old-buy", "GBPUSD"), cancellationToken: Token);
            await server.QuoteAsync("GBPUSD", 1.27000m, 1.27020m);
            var opened = await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.10m, "old-open"), cancellationToken: Token);
            closed = await server.Positions.ClosePositionAsync(new ClosePositionRequest { AccountId = CoreServer.DemoAccount, PositionTicket = opened.Result.PositionTicket, ClientOrderId = "old-close" }, cancellationToken: Token);
            for (var index = 0; index < 4; index++)
            {
                await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.01m, $"filler-{index}", "GBPUSD"), cancellationToken: Token);
            }
        }

        await using var restarted = new CoreServer(data.Path, settings: Window2);
        Assert.Equal(2, await restarted.Engine.QueryAsync((core, _) => core.RememberedDecidedOrders, Token));
        await restarted.QuoteAsync("GBPUSD", 1.28000m, 1.28020m);

        // "old-buy" was a PRICE_OFF rejection (no GBPUSD quote yet): the same rejection again, not a new buy.
        var again = await restarted.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.10m, "old-buy", "GBPUSD"), cancellationToken: Token);
        Assert.Equal(TradeRetcode.PriceOff, first.Result.Retcode);
        Assert.Equal((first.Result.Retcode, first.Order.Ticket, true), (again.Result.Retcode, again.Order.Ticket, again.Result.Duplicate));

        var conflict = await Assert.ThrowsAsync<RpcException>(() => restarted.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.20m, "old-buy", "GBPUSD"), cancellationToken: Token).ResponseAsync);
        Assert.Equal(StatusCode.AlreadyExists, conflict.StatusCode);

        var closeAgain = await restarted.Positions.ClosePositionAsync(new ClosePositionRequest { AccountId = CoreServer.DemoAccount, PositionTicket = closed.Result.PositionTicket, ClientOrderId = "old-close" }, cancellationToken: Token);
        Assert.Equal((closed.Result.DealTicket, true), (closeAgain.Result.DealTicket, closeAgain.Result.Duplicate));

        var stored = await restarted.Orders.GetOrderAsync(new GetOrderRequest { AccountId = CoreServer.DemoAccount, ClientOrderId = "old-open" }, cancellationToken: Token);
        Assert.Equal(OrderState.Filled, stored.Order.State);

        using var session = restarted.Orders.TradeSession(cancellationToken: Token);
        await session.RequestStream.WriteAsync(new TradeSessionRequest { RequestId = 1, Open = new TradeSessionOpen { AccountId = CoreServer.DemoAccount } }, Token);
        await session.RequestStream.WriteAsync(new TradeSessionRequest { RequestId = 2, Submit = Market(OrderType.Buy, 0.10m, "old-buy", "GBPUSD") }, Token);
        await session.RequestStream.WriteAsync(new TradeSessionRequest { RequestId = 3, Submit = Market(OrderType.Buy, 0.01m, "new-in-session", "GBPUSD") }, Token);
        await session.RequestStream.CompleteAsync();
        var acks = new Dictionary<ulong, TradeResult>();
        while (await session.ResponseStream.MoveNext(Token))
        {
            if (session.ResponseStream.Current.ResponseCase == TradeSessionResponse.ResponseOneofCase.Ack)
            {
                acks[session.ResponseStream.Current.RequestId] = session.ResponseStream.Current.Ack;
            }
        }

        Assert.Equal((TradeRetcode.PriceOff, true), (acks[2].Retcode, acks[2].Duplicate));
        Assert.Equal((TradeRetcode.Done, false), (acks[3].Retcode, acks[3].Duplicate));

        using var http = await HttpJsonTests.LoggedInAsync(restarted);
        var json = await http.PostAsync(
            "/v1/accounts/1001/orders",
            new StringContent("""{"client_order_id":"old-buy","symbol":"GBPUSD","type":"ORDER_TYPE_BUY","volume":{"units":0,"nanos":200000000}}""", System.Text.Encoding.UTF8, "application/json"),
            Token);
        Assert.Equal(System.Net.HttpStatusCode.Conflict, json.StatusCode);
    }

    [Fact]
    public async Task WhileRunning_ForgottenIdsAreAnsweredFromStorage_AndMemoryStaysAtTheWindow()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path, settings: Window2);
        await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        var first = await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.01m, "run-0"), cancellationToken: Token);
        for (var index = 1; index < 30; index++)
        {
            await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.01m, $"run-{index}"), cancellationToken: Token);
        }

        // The engine forgets only what the projection stored; one more order after it caught up trims the window.
        int remembered;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        // Paced: on a slow box the projection can take seconds, and an unpaced loop of orders outran the key's rate
        // limit (500/s after a burst of 1,000) before it caught up.
        do
        {
            await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.01m, $"tick-{waited.ElapsedTicks}"), cancellationToken: Token);
            remembered = await server.Engine.QueryAsync((core, _) => core.RememberedDecidedOrders, Token);
            if (remembered > 2)
            {
                await Task.Delay(10, Token);
            }
        }
        while (remembered > 2 && waited.Elapsed < TimeSpan.FromSeconds(20));

        Assert.InRange(remembered, 0, 2);
        var again = await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.01m, "run-0"), cancellationToken: Token);
        Assert.Equal((first.Order.Ticket, first.Result.DealTicket, true), (again.Order.Ticket, again.Result.DealTicket, again.Result.Duplicate));
        var conflict = await Assert.ThrowsAsync<RpcException>(() => server.Orders.SubmitOrderAsync(Market(OrderType.Sell, 0.01m, "run-1"), cancellationToken: Token).ResponseAsync);
        Assert.Equal(StatusCode.AlreadyExists, conflict.StatusCode);
    }
}
