using System.Collections.Concurrent;
using TradingCore.Engine.Domain;
using TradingCore.Engine.Loop;
using TradingCore.Mapping;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Streaming;

/// <summary>
/// Tick fan-out. The engine thread calls <see cref="Publish"/> for every accepted tick: it is remembered as the
/// symbol's latest (in place, no allocation) and, when a subscriber wants the symbol, converted to its wire form
/// once and offered to every interested subscriber's buffer without blocking. Under a tick flood with nobody
/// subscribed a tick therefore allocates nothing here. Subscribers come and go from any thread (copy-on-write array).
/// </summary>
internal sealed class TickHub(TradingCore.Diagnostics.TradingCoreMetrics? metrics = null) : ITickSink
{
    private readonly ConcurrentDictionary<string, LastTick> _last = new(StringComparer.Ordinal);
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
        if (_last.TryGetValue(tick.Symbol, out var last))
        {
            last.Set(tick);
        }
        else
        {
            // A symbol's first tick: the slot enters the dictionary holding it (a reader between an empty slot's
            // insertion and its first write saw a tick without a symbol, and answered INTERNAL).
            if (!_last.TryAdd(tick.Symbol, new LastTick(tick)))
            {
                _last[tick.Symbol].Set(tick);
            }
        }

        // One response object per tick, shared by every subscriber; made only when someone wants it.
        TickDelivery delivery = default;
        var made = false;
        foreach (var subscription in Volatile.Read(ref _subscriptions))
        {
            if (subscription.Wants(tick.Symbol))
            {
                if (!made)
                {
                    delivery = new TickDelivery(new Wire.StreamTicksResponse { Tick = TickMapper.ToProto(tick) }, System.Diagnostics.Stopwatch.GetTimestamp());
                    made = true;
                }

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

    /// <summary>The symbol's latest tick in wire form (made on each call: readers are few, ticks are many).</summary>
    public bool TryGetLast(string symbol, out Wire.Tick tick)
    {
        tick = _last.TryGetValue(symbol, out var last) ? TickMapper.ToProto(last.Get()) : null!;
        return tick is not null;
    }

    /// <summary>The latest tick of every symbol that had one since the start (for saving the last quotes).</summary>
    public IEnumerable<Wire.Tick> Latest => [.. _last.Values.Select(last => TickMapper.ToProto(last.Get()))];

    /// <summary>A symbol's latest tick, overwritten in place by the engine thread and copied out under a lock by readers.</summary>
    private sealed class LastTick(Tick first)
    {
        private readonly Lock _gate = new();
        private Tick _tick = first;

        public void Set(in Tick tick)
        {
            lock (_gate)
            {
                _tick = tick;
            }
        }

        public Tick Get()
        {
            lock (_gate)
            {
                return _tick;
            }
        }
    }

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
