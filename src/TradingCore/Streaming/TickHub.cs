using System.Collections.Concurrent;
using TradingCore.Engine.Domain;
using TradingCore.Engine.Loop;
using TradingCore.Mapping;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Streaming;

/// <summary>
/// Tick fan-out. The engine thread calls <see cref="Publish"/> for every accepted tick: it is converted to its
/// wire form once, remembered as the symbol's latest, and offered to every interested subscriber's buffer
/// without blocking. Subscribers come and go from any thread (copy-on-write array).
/// </summary>
internal sealed class TickHub(TradingCore.Diagnostics.TradingCoreMetrics? metrics = null) : ITickSink
{
    private readonly ConcurrentDictionary<string, Wire.Tick> _last = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private TickSubscription[] _subscriptions = [];

    public int SubscriberCount => Volatile.Read(ref _subscriptions).Length;

    /// <summary>Ticks waiting for each subscriber's most lagging stream, by subscriber (API key id).</summary>
    public IEnumerable<(string Subscriber, int Backlog)> BacklogBySubscriber() =>
        Volatile.Read(ref _subscriptions).GroupBy(subscription => subscription.Subscriber, StringComparer.Ordinal).Select(group => (group.Key, group.Max(subscription => subscription.Backlog)));

    /// <summary>Ticks waiting for the most lagging subscriber.</summary>
    public int MaxBacklog => Volatile.Read(ref _subscriptions).Select(subscription => subscription.Backlog).DefaultIfEmpty(0).Max();

    internal TradingCore.Diagnostics.TradingCoreMetrics? Metrics => metrics;

    public void Publish(in Tick tick)
    {
        var message = TickMapper.ToProto(tick);
        _last[tick.Symbol] = message;
        // One response object per tick, shared by every subscriber.
        var delivery = new TickDelivery(new Wire.StreamTicksResponse { Tick = message }, System.Diagnostics.Stopwatch.GetTimestamp());
        foreach (var subscription in Volatile.Read(ref _subscriptions))
        {
            if (subscription.Wants(tick.Symbol))
            {
                subscription.Offer(delivery);
            }
        }
    }

    /// <summary>Sends a feed status change to the subscribers of its symbol (all subscribers for a feed-wide status).</summary>
    public void PublishStatus(Wire.FeedStatus status)
    {
        var response = new Wire.StreamTicksResponse { Status = status };
        foreach (var subscription in Volatile.Read(ref _subscriptions))
        {
            if (status.Symbol.Length == 0 || subscription.Wants(status.Symbol))
            {
                subscription.OfferStatus(response);
            }
        }
    }

    public bool TryGetLast(string symbol, out Wire.Tick tick) => _last.TryGetValue(symbol, out tick!);

    /// <summary>The latest tick of every symbol that had one since the start (for saving the last quotes).</summary>
    public IEnumerable<Wire.Tick> Latest => _last.Values;

    public TickSubscription Subscribe(IReadOnlySet<string>? symbols, Wire.TickDeliveryPolicy policy, int capacity, string subscriber = "")
    {
        TickSubscription subscription = policy switch
        {
            Wire.TickDeliveryPolicy.DropOldest => new QueuedTickSubscription(this, symbols, capacity, disconnectWhenFull: false),
            Wire.TickDeliveryPolicy.Disconnect => new QueuedTickSubscription(this, symbols, capacity, disconnectWhenFull: true),
            _ => new ConflatingTickSubscription(this, symbols),
        };
        subscription.Subscriber = subscriber;
        lock (_gate)
        {
            _subscriptions = [.. _subscriptions, subscription];
        }

        return subscription;
    }

    internal void Unsubscribe(TickSubscription subscription)
    {
        lock (_gate)
        {
            _subscriptions = [.. _subscriptions.Where(candidate => !ReferenceEquals(candidate, subscription))];
        }
    }
}
