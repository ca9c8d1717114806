using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Loop;

/// <summary>
/// The ticks of one symbol that arrived while the engine had not yet taken the symbol's previous ones. Only the
/// ticks that matter are kept: the first, the last, and those with the lowest and highest bid and ask. Applied in
/// arrival order they reach every price the whole run reached, so every pending order, stop loss and take profit
/// the run crossed fires, and bars keep their open, high, low and close. Reused (pooled) by <see cref="TickConflator"/>.
/// </summary>
internal sealed class TickRun
{
    private const int First = 0;
    private const int MinBid = 1;
    private const int MaxBid = 2;
    private const int MinAsk = 3;
    private const int MaxAsk = 4;
    private const int Slots = 5;

    private readonly Tick[] _ticks = new Tick[Slots];
    private readonly long[] _order = new long[Slots];
    private readonly long[] _stamps = new long[Slots];
    private Tick _last;
    private long _lastOrder;
    private long _lastStamp;

    /// <summary>Ticks received in this run.</summary>
    public int Count { get; private set; }

    /// <summary>Stopwatch timestamp of the run's oldest tick (0 when nobody measures).</summary>
    public long FirstStamp => _stamps[First];

    public void Start(in Tick tick, long stamp)
    {
        Count = 1;
        for (var slot = 0; slot < Slots; slot++)
        {
            (_ticks[slot], _order[slot], _stamps[slot]) = (tick, 0, stamp);
        }

        (_last, _lastOrder, _lastStamp) = (tick, 0, stamp);
    }

    public void Add(in Tick tick, long stamp)
    {
        var order = Count++;
        Keep(MinBid, tick.Bid < _ticks[MinBid].Bid, tick, order, stamp);
        Keep(MaxBid, tick.Bid > _ticks[MaxBid].Bid, tick, order, stamp);
        Keep(MinAsk, tick.Ask < _ticks[MinAsk].Ask, tick, order, stamp);
        Keep(MaxAsk, tick.Ask > _ticks[MaxAsk].Ask, tick, order, stamp);
        (_last, _lastOrder, _lastStamp) = (tick, order, stamp);
    }

    /// <summary>The kept ticks in arrival order, each once, with the stamp of its arrival.</summary>
    public int CopyKept(Span<(Tick Tick, long Stamp)> into)
    {
        Span<long> orders = stackalloc long[Slots + 1];
        var count = 0;
        for (var slot = 0; slot <= Slots; slot++)
        {
            var order = slot == Slots ? _lastOrder : _order[slot];
            if (orders[..count].Contains(order))
            {
                continue;
            }

            var position = count;
            while (position > 0 && orders[position - 1] > order)
            {
                orders[position] = orders[position - 1];
                into[position] = into[position - 1];
                position--;
            }

            orders[position] = order;
            into[position] = slot == Slots ? (_last, _lastStamp) : (_ticks[slot], _stamps[slot]);
            count++;
        }

        return count;
    }

    private void Keep(int slot, bool better, in Tick tick, long order, long stamp)
    {
        if (better)
        {
            (_ticks[slot], _order[slot], _stamps[slot]) = (tick, order, stamp);
        }
    }
}
