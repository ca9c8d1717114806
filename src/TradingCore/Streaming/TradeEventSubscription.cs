using System.Threading.Channels;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Streaming;

/// <summary>A committed trade event and when it was published (Stopwatch timestamp), for the durable→written stage.</summary>
internal readonly record struct TradeEventDelivery(Wire.TradeEvent Event, long Published);

/// <summary>
/// One subscriber's bounded queue of trade events. Events are never dropped: when the queue is full the
/// subscription is closed and marked <see cref="Overflowed"/>, and the stream ends with RESOURCE_EXHAUSTED so
/// the client resumes by sequence.
/// </summary>
internal sealed class TradeEventSubscription : IDisposable
{
    private readonly TradeEventHub _hub;
    private readonly Channel<TradeEventDelivery> _queue;

    public TradeEventSubscription(TradeEventHub hub, long accountId, int capacity)
    {
        _hub = hub;
        AccountId = accountId;
        _queue = Channel.CreateBounded<TradeEventDelivery>(new BoundedChannelOptions(Math.Max(1, capacity))
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public long AccountId { get; }

    /// <summary>True when the subscriber fell further behind than its buffer allows.</summary>
    public bool Overflowed { get; private set; }

    public ChannelReader<TradeEventDelivery> Reader => _queue.Reader;

    internal void Offer(in TradeEventDelivery delivery)
    {
        if (!_queue.Writer.TryWrite(delivery) && !Overflowed)
        {
            Overflowed = true;
            _queue.Writer.TryComplete();
            _hub.Unsubscribe(this);
        }
    }

    public void Dispose()
    {
        _hub.Unsubscribe(this);
        _queue.Writer.TryComplete();
    }
}
