using TradingCore.Engine.Domain;

namespace TradingCore.Mt5Feed.Synthetic;

/// <summary>
/// A random-walk feed for development and tests: each symbol's mid price moves by whole ticks, pulled gently
/// back towards its start price, with a spread that varies by a tick. Prices are exact multiples of the tick
/// size. Deterministic for a given seed; time comes from the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class SyntheticFeed(IReadOnlyList<SyntheticSymbol> symbols, SyntheticFeedOptions options, TimeProvider time) : IMarketFeed
{
    /// <inheritdoc />
    public string Name => "synthetic";

    /// <inheritdoc />
    public IReadOnlyList<string> Symbols { get; } = [.. symbols.Select(symbol => symbol.Symbol)];

    /// <inheritdoc />
    public async Task RunAsync(ITickWriter writer, CancellationToken cancellationToken)
    {
        var random = new Random(options.Seed);
        var walks = symbols.Select(symbol => new Walk(symbol)).ToArray();
        var threshold = (int)(options.TickProbability * 1000m);
        var interval = TimeSpan.FromMilliseconds(Math.Max(1, options.IntervalMs));
        while (!cancellationToken.IsCancellationRequested)
        {
            var nowMs = time.GetUtcNow().ToUnixTimeMilliseconds();
            foreach (var walk in walks)
            {
                if (random.Next(1000) < threshold)
                {
                    await writer.WriteAsync(walk.Next(random, nowMs), cancellationToken).ConfigureAwait(false);
                }
            }

            await Task.Delay(interval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One symbol's random walk, in integer ticks so every price is on the grid.</summary>
    private sealed class Walk(SyntheticSymbol symbol)
    {
        private readonly long _anchor = (long)(symbol.StartPrice / symbol.TickSize);
        private long _mid = (long)(symbol.StartPrice / symbol.TickSize);
        private long _lastBid;
        private long _lastAsk;

        public Tick Next(Random random, long nowMs)
        {
            var step = random.Next(-symbol.MaxStepTicks, symbol.MaxStepTicks + 1);
            // Mean reversion: one extra tick towards the anchor for every 2% of drift, so paths stay plausible.
            var pull = (_anchor - _mid) * 50 / Math.Max(1, _anchor);
            _mid = Math.Max(symbol.SpreadTicks + 1, _mid + step + pull);
            var spread = Math.Max(1, symbol.SpreadTicks + random.Next(-1, 2));
            var bid = _mid - spread / 2;
            var ask = bid + spread;
            uint flags = (bid != _lastBid ? Tick.FlagBid : 0u) | (ask != _lastAsk ? Tick.FlagAsk : 0u);
            _lastBid = bid;
            _lastAsk = ask;
            return new Tick(symbol.Symbol, nowMs, bid * symbol.TickSize, ask * symbol.TickSize, 0m, 0m, flags);
        }
    }
}
