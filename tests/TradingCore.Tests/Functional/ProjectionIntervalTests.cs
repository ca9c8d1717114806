using TradingCore.Contracts.V1;
using static TradingCore.Testing.Wire;

namespace TradingCore.Tests;

/// <summary>
/// The projector lets appended journal records gather for up to TradingCore:Persistence:ProjectionIntervalMs before
/// it writes them to the queryable tables; a reader that must see its own writes does not wait for that interval.
/// Here the interval is ten minutes: every answer below comes from a reader cutting it short.
/// </summary>
public sealed class ProjectionIntervalTests
{
    private static readonly Dictionary<string, string> TenMinutes = new() { ["TradingCore:Persistence:ProjectionIntervalMs"] = "600000" };

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HistoryAfterAnAck_SeesTheOrder_WithoutWaitingForTheInterval()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path, settings: TenMinutes);
        await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);

        // Twenty seconds is far below the interval: a reader that waited for it would fail here.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Token);
        limit.CancelAfter(TimeSpan.FromSeconds(20));
        for (var round = 0; round < 3; round++)
        {
            var placed = await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.01m, $"seen-{round}"), cancellationToken: limit.Token);
            var orders = await server.Orders.ListOrdersAsync(new ListOrdersRequest { AccountId = CoreServer.DemoAccount, Scope = OrderScope.History }, cancellationToken: limit.Token);
            Assert.Contains(orders.Orders, order => order.Ticket == placed.Order.Ticket);
            var deals = await server.Orders.ListDealsAsync(new ListDealsRequest { AccountId = CoreServer.DemoAccount, OrderTicket = placed.Order.Ticket }, cancellationToken: limit.Token);
            Assert.Equal(placed.Result.DealTicket, Assert.Single(deals.Deals).Ticket);
        }
    }

    [Fact]
    public async Task AnOrderStillInsideTheInterval_SurvivesARestart()
    {
        using var data = new TempDirectory();
        SubmitOrderResponse placed;
        await using (var server = new CoreServer(data.Path, settings: TenMinutes))
        {
            await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
            placed = await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.01m, "before-stop"), cancellationToken: Token);
        }

        // Projected at shutdown, or from the journal at the restart: either way it is there.
        await using var restarted = new CoreServer(data.Path, settings: TenMinutes);
        var stored = await restarted.Orders.GetOrderAsync(new GetOrderRequest { AccountId = CoreServer.DemoAccount, ClientOrderId = "before-stop" }, cancellationToken: Token);
        Assert.Equal(placed.Order.Ticket, stored.Order.Ticket);
        Assert.Equal(OrderState.Filled, stored.Order.State);
    }
}
