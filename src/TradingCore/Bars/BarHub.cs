using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Bars;

/// <summary>StreamBars subscribers by symbol and timeframe (copy-on-write, read on the engine thread).</summary>
internal sealed class BarHub
{
    private readonly Lock _gate = new();
    private BarSubscription[] _subscriptions = [];

    public bool HasSubscribers => Volatile.Read(ref _subscriptions).Length > 0;

    public BarSubscription Subscribe(string symbol, Wire.Timeframe timeframe)
    {
        var subscription = new BarSubscription(this, symbol, timeframe);
        lock (_gate)
        {
            _subscriptions = [.. _subscriptions, subscription];
        }

        return subscription;
    }

    public void Publish(BarUpdate update)
    {
        foreach (var subscription in Volatile.Read(ref _subscriptions))
        {
            if (subscription.Timeframe == update.Timeframe && string.Equals(subscription.Symbol, update.Symbol, StringComparison.Ordinal))
            {
                subscription.Offer(update);
            }
        }
    }

    internal void Unsubscribe(BarSubscription subscription)
    {
        lock (_gate)
        {
            _subscriptions = [.. _subscriptions.Where(candidate => !ReferenceEquals(candidate, subscription))];
        }
    }
}
