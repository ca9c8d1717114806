using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Streaming;

/// <summary>
/// CONFLATE: at most one waiting tick per symbol; a newer tick of a symbol replaces the waiting one (counted),
/// and symbols are delivered in the order they first became pending. Memory is bounded by the symbol count.
/// </summary>
internal sealed class ConflatingTickSubscription(TickHub hub, IReadOnlySet<string>? symbols) : TickSubscription(hub, symbols)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, TickDelivery> _pending = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private int _count;

    public override int Backlog => Volatile.Read(ref _count);

    public override void Offer(in TickDelivery tick)
    {
        var symbol = tick.Response.Tick.Symbol;
        lock (_gate)
        {
            if (_pending.ContainsKey(symbol))
            {
                LostCount++;
                Hub.Metrics?.TicksLost(Wire.TickDeliveryPolicy.Conflate, Subscriber, 1);
            }
            else
            {
                _order.Enqueue(symbol);
            }

            _pending[symbol] = tick;
            Volatile.Write(ref _count, _pending.Count);
        }

        Wake();
    }

    protected override bool TryTake(out TickDelivery tick)
    {
        lock (_gate)
        {
            if (_order.TryDequeue(out var symbol) && _pending.Remove(symbol, out tick))
            {
                Volatile.Write(ref _count, _pending.Count);
                return true;
            }
        }

        tick = default;
        return false;
    }
}
