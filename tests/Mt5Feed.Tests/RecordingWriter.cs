using System.Collections.Concurrent;
using TradingCore.Engine.Domain;

namespace TradingCore.Mt5Feed.Tests;

/// <summary>An <see cref="ITickWriter"/> that remembers what a feed wrote and can cancel the feed after N ticks.</summary>
internal sealed class RecordingWriter(int stopAfter = int.MaxValue, CancellationTokenSource? stop = null) : ITickWriter
{
    public ConcurrentQueue<Tick> Ticks { get; } = new();

    public ValueTask WriteAsync(Tick tick, CancellationToken cancellationToken)
    {
        Ticks.Enqueue(tick);
        if (Ticks.Count >= stopAfter)
        {
            stop?.Cancel();
        }

        return ValueTask.CompletedTask;
    }
}
