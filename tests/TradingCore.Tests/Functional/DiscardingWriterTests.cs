using TradingCore.Contracts.V1;

namespace TradingCore.Tests;

/// <summary>Writer=None (benchmarks only): trading works, and nothing of it survives a restart.</summary>
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
}
