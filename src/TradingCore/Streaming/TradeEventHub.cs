using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Streaming;

/// <summary>
/// Live fan-out of committed trade events to per-account subscribers. <see cref="Publish"/> is called only by
/// the journal writer, after commit, in sequence order; subscribers register from any thread (copy-on-write).
/// </summary>
internal sealed class TradeEventHub
{
    private readonly Lock _gate = new();
    private Dictionary<long, TradeEventSubscription[]> _byAccount = [];
    private long _lastSequence;

    /// <summary>Sequence of the last event published (committed).</summary>
    public ulong LastSequence => (ulong)Volatile.Read(ref _lastSequence);

    /// <summary>Sets the starting point after recovery, before anything is published.</summary>
    public void Initialize(ulong lastSequence) => Volatile.Write(ref _lastSequence, (long)lastSequence);

    public TradeEventSubscription Subscribe(long accountId, int capacity)
    {
        var subscription = new TradeEventSubscription(this, accountId, capacity);
        lock (_gate)
        {
            var copy = new Dictionary<long, TradeEventSubscription[]>(_byAccount);
            copy[accountId] = copy.TryGetValue(accountId, out var existing) ? [.. existing, subscription] : [subscription];
            _byAccount = copy;
        }

        return subscription;
    }

    public void Publish(IReadOnlyList<Wire.TradeEvent> events)
    {
        var byAccount = _byAccount;
        var published = System.Diagnostics.Stopwatch.GetTimestamp();
        foreach (var tradeEvent in events)
        {
            if (byAccount.TryGetValue(tradeEvent.AccountId, out var subscriptions))
            {
                foreach (var subscription in subscriptions)
                {
                    subscription.Offer(new TradeEventDelivery(tradeEvent, published));
                }
            }

            Volatile.Write(ref _lastSequence, (long)tradeEvent.Sequence);
        }
    }

    internal void Unsubscribe(TradeEventSubscription subscription)
    {
        lock (_gate)
        {
            if (!_byAccount.TryGetValue(subscription.AccountId, out var existing))
            {
                return;
            }

            var remaining = existing.Where(candidate => !ReferenceEquals(candidate, subscription)).ToArray();
            var copy = new Dictionary<long, TradeEventSubscription[]>(_byAccount);
            if (remaining.Length == 0)
            {
                copy.Remove(subscription.AccountId);
            }
            else
            {
                copy[subscription.AccountId] = remaining;
            }

            _byAccount = copy;
        }
    }
}
