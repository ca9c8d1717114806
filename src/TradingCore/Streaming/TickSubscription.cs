using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Streaming;

/// <summary>A message for a subscriber, with the Stopwatch timestamp of when the tick was published (0 for statuses).</summary>
internal readonly record struct TickDelivery(Wire.StreamTicksResponse Response, long Published);

/// <summary>
/// One tick subscriber's buffers: ticks under its delivery policy, and feed status changes, which are never
/// dropped or conflated. <see cref="Offer"/> and <see cref="OfferStatus"/> are called on producer threads (the
/// engine, the feed monitor) and never block; the subscriber's single writer loop drains <see cref="ReadAllAsync"/>,
/// statuses first.
/// </summary>
internal abstract class TickSubscription(TickHub hub, IReadOnlySet<string>? symbols) : IDisposable
{
    private const int MaxPendingStatuses = 1_024;
    private readonly ConcurrentQueue<Wire.StreamTicksResponse> _statuses = new();
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    protected long LostCount;

    protected TickHub Hub => hub;

    /// <summary>Who subscribed (the caller's API key id; empty when unknown): the label of the lag and loss metrics.</summary>
    public string Subscriber { get; internal set; } = "";

    /// <summary>Ticks replaced or dropped for this subscriber because it was behind.</summary>
    public long Lost => Interlocked.Read(ref LostCount);

    /// <summary>True when the DISCONNECT policy ended the subscription.</summary>
    public bool Overflowed { get; protected set; }

    public bool Wants(string symbol) => symbols is null || symbols.Contains(symbol);

    /// <summary>Ticks waiting for this subscriber (its lag).</summary>
    public abstract int Backlog { get; }

    /// <summary>Whether another message (a status or a tick) is waiting right now; only the writer loop takes them, so it stays true until taken.</summary>
    public bool HasWaiting => !_statuses.IsEmpty || Backlog > 0;

    /// <summary>Offers a tick (a response whose payload is a tick) under the subscription's policy.</summary>
    public abstract void Offer(in TickDelivery tick);

    /// <summary>Queues a feed status message; statuses are delivered before waiting ticks.</summary>
    public void OfferStatus(Wire.StreamTicksResponse status)
    {
        _statuses.Enqueue(status);
        while (_statuses.Count > MaxPendingStatuses && _statuses.TryDequeue(out _))
        {
            // A subscriber that ignores even status changes keeps only the newest ones: memory stays bounded.
        }

        Wake();
    }

    public async IAsyncEnumerable<TickDelivery> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await _signal.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            _signal.Reader.TryRead(out _);
            while (true)
            {
                if (_statuses.TryDequeue(out var status))
                {
                    yield return new TickDelivery(status, 0);
                }
                else if (TryTake(out var tick))
                {
                    yield return tick;
                }
                else
                {
                    break;
                }
            }
        }
    }

    public void Dispose()
    {
        hub.Unsubscribe(this);
        Complete();
    }

    protected abstract bool TryTake(out TickDelivery tick);

    protected void Wake() => _signal.Writer.TryWrite(true);

    protected void Complete() => _signal.Writer.TryComplete();
}
