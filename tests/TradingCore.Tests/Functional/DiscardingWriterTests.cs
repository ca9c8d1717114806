using TradingCore.Contracts.V1;

namespace TradingCore.Tests;

/// <summary>
/// Writer=None (benchmarks only): trading works, nothing of it survives a restart, and the idempotency window stays
/// bounded as with a store (it once remembered every order: the heap grew until the core fell behind).
/// </summary>
public sealed class DiscardingWriterTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WriterNone_AcknowledgesOrders_ButStoresNothing()
    {
        using var data = new TempDirectory();
        var none = new Dictionary<string, string> { ["TradingCore:Persistence:Writer"] = "None" };
        await using (var server = new CoreServer(data.Path, settings: none))
        {
            await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
            var reply = await server.Orders.SubmitOrderAsync(new SubmitOrderRequest { AccountId = CoreServer.DemoAccount, ClientOrderId = "volatile-1", Symbol = "EURUSD", Type = OrderType.Buy, Volume = Contracts.V1.Decimal.FromDecimal(0.1m) }, cancellationToken: Token);
            Assert.Equal(TradeRetcode.Done, reply.Result.Retcode);
        }

        await using var restarted = new CoreServer(data.Path);
        var positions = await restarted.Positions.ListPositionsAsync(new ListPositionsRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token);
        Assert.Empty(positions.Positions);
    }

    [Fact]
    public async Task WriterNone_KeepsTheIdempotencyWindowBounded_AndStillAnswersDuplicatesInsideIt()
    {
        using var data = new TempDirectory();
        var none = new Dictionary<string, string> { ["TradingCore:Persistence:Writer"] = "None", ["TradingCore:Engine:IdempotencyWindow"] = "4" };
        await using var server = new CoreServer(data.Path, settings: none);
        await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        SubmitOrderRequest Order(int number) => new() { AccountId = CoreServer.DemoAccount, ClientOrderId = $"bounded-{number}", Symbol = "EURUSD", Type = OrderType.Buy, Volume = Contracts.V1.Decimal.FromDecimal(0.01m) };

        for (var number = 1; number <= 40; number++)
        {
            Assert.Equal(TradeRetcode.Done, (await server.Orders.SubmitOrderAsync(Order(number), cancellationToken: Token)).Result.Retcode);
        }

        var again = await server.Orders.SubmitOrderAsync(Order(40), cancellationToken: Token);
        var remembered = await server.Engine.QueryAsync((view, _) => view.RememberedDecidedOrders, Token);

        Assert.InRange(remembered, 1, 8);
        Assert.Equal(TradeRetcode.Done, again.Result.Retcode);
        Assert.Equal("bounded-40", again.Order.ClientOrderId);
        var positions = await server.Positions.ListPositionsAsync(new ListPositionsRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token);
        Assert.Equal(0.40m, positions.Positions.Sum(position => position.Volume.ToDecimal()));
    }
}
