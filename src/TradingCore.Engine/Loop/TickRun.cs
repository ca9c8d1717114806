using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Loop;

/// <summary>
/// The ticks of one symbol that arrived while the engine had not yet taken the symbol's previous ones. The first
/// <see cref="ExactCapacity"/> are kept as they came (an engine that is merely a moment behind applies every tick);
/// beyond that only the ticks that matter are kept: the lowest and highest bid and ask of the overflow and its
/// newest tick. Applied in arrival order they reach every price the whole run reached, so every pending order, stop
/// loss and take profit the run crossed fires, and bars keep their open, high, low and close. Reused (pooled) by
/// <see cref="TickConflator"/>.
/// </summary>
internal sealed class TickRun
{
    /// <summary>
    /// Ticks of a run applied one by one before conflation starts. 256 rather than 64: at a feed's maximum rate the
    /// engine, woken once per run, applied only ~45 K ticks/s of 120 K received with 64 (subscribers saw the rest
    /// conflated away); with 256 it applies ~100-130 K/s, and a command still waits behind at most one run
    /// (docs/benchmarks.md, "Runs of 256").
    /// </summary>
    public const int ExactCapacity = 256;

    /// <summary>The most ticks <see cref="CopyKept"/> returns.</summary>
    public const int MaxKept = ExactCapacity + Slots + 1;

    private const int MinBid = 0;
    private const int MaxBid = 1;
    private const int MinAsk = 2;
    private const int MaxAsk = 3;
    private const int Slots = 4;

    private readonly (Tick Tick, long Stamp)[] _exact = new (Tick, long)[ExactCapacity];
    private readonly Tick[] _ticks = new Tick[Slots];
    private readonly long[] _order = new long[Slots];
    private readonly long[] _stamps = new long[Slots];
    private Tick _last;
    private long _lastOrder;
    private long _lastStamp;

    /// <summary>Ticks received in this run.</summary>
    public int Count { get; private set; }

    /// <summary>Stopwatch timestamp of the run's oldest tick (0 when nobody measures).</summary>
    public long FirstStamp => _exact[0].Stamp;

    public void Start(in Tick tick, long stamp)
    {
        Count = 1;
        _exact[0] = (tick, stamp);
    }

    public void Add(in Tick tick, long stamp)
    {
        var order = Count++;
        if (order < ExactCapacity)
        {
            _exact[order] = (tick, stamp);
            return;
        }

        if (order == ExactCapacity)
        {
            for (var slot = 0; slot < Slots; slot++)
            {
                (_ticks[slot], _order[slot], _stamps[slot]) = (tick, order, stamp);
            }
        }
        else
        {
            Keep(MinBid, tick.Bid < _ticks[MinBid].Bid, tick, order, stamp);
            Keep(MaxBid, tick.Bid > _ticks[MaxBid].Bid, tick, order, stamp);
            Keep(MinAsk, tick.Ask < _ticks[MinAsk].Ask, tick, order, stamp);
            Keep(MaxAsk, tick.Ask > _ticks[MaxAsk].Ask, tick, order, stamp);
        }

        (_last, _lastOrder, _lastStamp) = (tick, order, stamp);
    }

    /// <summary>The kept ticks in arrival order, each once, with the stamp of its arrival; returns how many (at most <see cref="MaxKept"/>).</summary>
    public int CopyKept(Span<(Tick Tick, long Stamp)> into)
    {
        var exact = Math.Min(Count, ExactCapacity);
        _exact.AsSpan(0, exact).CopyTo(into);
        if (Count <= ExactCapacity)
        {
            return exact;
        }

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
                into[exact + position] = into[exact + position - 1];
                position--;
            }

            orders[position] = order;
            into[exact + position] = slot == Slots ? (_last, _lastStamp) : (_ticks[slot], _stamps[slot]);
            count++;
        }

        return exact + count;
    }

    private void Keep(int slot, bool better, in Tick tick, long order, long stamp)
    {
        if (better)
        {
            (_ticks[slot], _order[slot], _stamps[slot]) = (tick, order, stamp);
        }
    }
}
