using Microsoft.Extensions.Time.Testing;
using TradingCore.Engine.Domain;
using TradingCore.Mt5Feed.Synthetic;

namespace TradingCore.Mt5Feed.Tests;

public sealed class SyntheticFeedTests
{
    private static async Task<List<Tick>> RunRounds(int seed, int ticks)
    {
        using var stop = new CancellationTokenSource();
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000)) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(100) };
        var feed = new SyntheticFeed(SyntheticSymbol.Defaults, new SyntheticFeedOptions { Seed = seed, IntervalMs = 100 }, time);
        var writer = new RecordingWriter(ticks, stop);
        var run = feed.RunAsync(writer, stop.Token);
        while (!run.IsCompleted)
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Yield();
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        return [.. writer.Ticks.Take(ticks)];
    }

    [Fact]
    public async Task SameSeed_ProducesTheSamePrices()
    {
        var first = await RunRounds(7, 200);
        var second = await RunRounds(7, 200);

        Assert.Equal(first.Select(t => (t.Symbol, t.Bid, t.Ask)), second.Select(t => (t.Symbol, t.Bid, t.Ask)));
    }

    [Fact]
    public async Task Prices_AreOnTheTickGridWithAPositiveSpread()
    {
        var ticks = await RunRounds(11, 500);
        var grid = SyntheticSymbol.Defaults.ToDictionary(symbol => symbol.Symbol, symbol => symbol.TickSize);

        Assert.Equal(5, ticks.Select(tick => tick.Symbol).Distinct().Count());
        Assert.All(ticks, tick =>
        {
            Assert.True(tick.Ask > tick.Bid, $"{tick.Symbol} {tick.Bid}/{tick.Ask}");
            Assert.True(tick.Bid > 0m);
            Assert.Equal(0m, decimal.Remainder(tick.Bid, grid[tick.Symbol]));
            Assert.Equal(0m, decimal.Remainder(tick.Ask, grid[tick.Symbol]));
        });
    }
}
