using TradingCore.Contracts.V1;
using EngineTick = TradingCore.Engine.Domain.Tick;
using static TradingCore.Testing.Wire;

namespace TradingCore.Tests;

/// <summary>
/// A tick stream's writer lets the transport gather the writes of a burst (one flush for many ticks): every tick
/// of a burst still arrives, in order, and the burst's last tick arrives without waiting for a next one.
/// </summary>
public sealed class TickBurstTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(TickDeliveryPolicy.DropOldest)]
    [InlineData(TickDeliveryPolicy.Conflate)]
    public async Task ABurst_ArrivesWhole_AndItsLastTickIsNotHeldBack(TickDeliveryPolicy policy)
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        using var call = server.MarketData.StreamTicks(new StreamTicksRequest { Symbols = { "EURUSD" }, Policy = policy, BufferSize = 4_096 }, cancellationToken: Token);
        var stream = call.ResponseStream;
        Assert.True(await Within(stream.MoveNext(Token)));
        Assert.True(stream.Current.Tick.Snapshot);
        Assert.True(await Within(stream.MoveNext(Token)));
        Assert.NotNull(stream.Current.SnapshotComplete);

        // Published without waiting for each: the writer finds many waiting at once.
        const int Burst = 2_000;
        for (var index = 1; index <= Burst; index++)
        {
            var bid = 1.10000m + (index / 100_000m);
            await server.Engine.PublishTickAsync(new EngineTick("EURUSD", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), bid, bid + 0.0001m, 0m, 0m, 6), Token);
        }

        var last = 1.10000m + (Burst / 100_000m);
        var received = new List<ulong>();
        while (await Within(stream.MoveNext(Token)))
        {
            if (stream.Current.Tick is not { } tick)
            {
                // CONFLATE announces the ticks it merged with a gap message; DROP_OLDEST here has room for all.
                Assert.NotEqual(TickDeliveryPolicy.DropOldest, policy);
                Assert.NotNull(stream.Current.Gap);
                continue;
            }

            received.Add(tick.Sequence);
            if (tick.Bid.ToDecimal() == last)
            {
                break;
            }
        }

        // In order, never repeated; DROP_OLDEST with room for the whole burst delivers every tick the engine applied.
        Assert.Equal(received.Order().Distinct(), received);
        if (policy == TickDeliveryPolicy.DropOldest)
        {
            Assert.Equal(Enumerable.Range(0, received.Count).Select(offset => received[0] + (ulong)offset), received);
        }
    }
}
