using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Streaming;

/// <summary>
/// One tick subscriber's buffer with its delivery policy. <see cref="Offer"/> is called on the engine thread and
/// never blocks; the subscriber's single writer loop drains <see cref="ReadAllAsync"/>.
/// </summary>
internal abstract class TickSubscription(TickHub hub, IReadOnlySet<string>? symbols) : IDisposable
{
    /// <summary>Ticks replaced or dropped for this subscriber because it was behind.</summary>
    public long Lost => Interlocked.Read(ref LostCount);

    /// <summary>True when the DISCONNECT policy ended the subscription.</summary>
    public bool Overflowed { get; protected set; }

    protected long LostCount;

    public bool Wants(string symbol) => symbols is null || symbols.Contains(symbol);

    public abstract void Offer(Wire.Tick tick);

    public abstract IAsyncEnumerable<Wire.Tick> ReadAllAsync(CancellationToken cancellationToken);

    protected abstract void Complete();

    public void Dispose()
    {
        hub.Unsubscribe(this);
        Complete();
    }
}
