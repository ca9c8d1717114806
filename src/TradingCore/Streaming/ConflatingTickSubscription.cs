using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Streaming;

/// <summary>
/// CONFLATE: at most one waiting tick per symbol; a newer tick of a symbol replaces the waiting one (counted),
/// and symbols are delivered in the order they first became pending. Memory is bounded by the symbol count.
/// </summary>
internal sealed class ConflatingTickSubscription(TickHub hub, IReadOnlySet<string>? symbols) : TickSubscription(hub, symbols)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Wire.StreamTicksResponse> _pending = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public override void Offer(Wire.StreamTicksResponse tick)
    {
        var symbol = tick.Tick.Symbol;
        lock (_gate)
        {
            if (_pending.ContainsKey(symbol))
            {
                LostCount++;
            }
            else
            {
                _order.Enqueue(symbol);
            }

            _pending[symbol] = tick;
        }

        Wake();
    }

    protected override bool TryTake(out Wire.StreamTicksResponse tick)
    {
        lock (_gate)
        {
            if (_order.TryDequeue(out var symbol) && _pending.Remove(symbol, out tick!))
            {
                return true;
            }
        }

        tick = null!;
        return false;
    }
}
