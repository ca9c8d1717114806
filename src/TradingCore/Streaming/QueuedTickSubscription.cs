using System.Threading.Channels;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Streaming;

/// <summary>
/// FIFO tick buffer: DROP_OLDEST discards the oldest buffered tick when full (counted); DISCONNECT ends the
/// subscription when full.
/// </summary>
internal sealed class QueuedTickSubscription : TickSubscription
{
    private readonly Channel<TickDelivery> _queue;
    private readonly bool _disconnectWhenFull;
    private readonly TickHub _hub;

    public QueuedTickSubscription(TickHub hub, IReadOnlySet<string>? symbols, int capacity, bool disconnectWhenFull)
        : base(hub, symbols)
    {
        _hub = hub;
        _disconnectWhenFull = disconnectWhenFull;
        var options = new BoundedChannelOptions(Math.Max(1, capacity))
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = disconnectWhenFull ? BoundedChannelFullMode.Wait : BoundedChannelFullMode.DropOldest,
        };
        _queue = disconnectWhenFull
            ? Channel.CreateBounded<TickDelivery>(options)
            : Channel.CreateBounded<TickDelivery>(options, _ =>
            {
                Interlocked.Increment(ref LostCount);
                hub.Metrics?.TicksLost(Wire.TickDeliveryPolicy.DropOldest, Subscriber, 1);
            });
    }

    public override int Backlog => _queue.Reader.Count;

    public override void Offer(in TickDelivery tick)
    {
        if (_queue.Writer.TryWrite(tick))
        {
            Wake();
        }
        else if (_disconnectWhenFull && !Overflowed)
        {
            Overflowed = true;
            _hub.Metrics?.StreamOverflowed("ticks");
            _hub.Unsubscribe(this);
            Complete();
        }
    }

    protected override bool TryTake(out TickDelivery tick) => _queue.Reader.TryRead(out tick);
}
