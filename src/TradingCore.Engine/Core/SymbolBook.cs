using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Core;

/// <summary>One symbol's market state and the orders and positions that react to its ticks. Engine thread only.</summary>
internal sealed class SymbolBook(SymbolSpec spec)
{
    private SymbolSpec _spec = spec;
    private bool _quoteStale;

    /// <summary>The current specification; replaced by <see cref="EngineCore.UpsertSymbol"/>.</summary>
    public SymbolSpec Spec
    {
        get => _spec;
        set
        {
            _spec = value;
            PriceVersion++;
        }
    }

    /// <summary>Changes whenever anything a price-derived figure of this symbol depends on changes (quote, staleness, spec).</summary>
    public long PriceVersion { get; private set; }

    public bool HasTick { get; private set; }

    public Tick LastTick { get; private set; }

    /// <summary>Pending orders on this symbol: ticket -> account id.</summary>
    public Dictionary<ulong, long> PendingOrders { get; } = [];

    /// <summary>Open positions on this symbol: ticket -> account id.</summary>
    public Dictionary<ulong, long> OpenPositions { get; } = [];

    /// <summary>Trigger prices of the pending orders, by order ticket.</summary>
    public TriggerIndex PendingTriggers { get; } = new();

    /// <summary>Stop loss and take profit prices of the open positions, by position ticket.</summary>
    public TriggerIndex StopTriggers { get; } = new();

    /// <summary>The accounts whose stop-out figures depend on this symbol's quote, by their screening bands.</summary>
    public StopOutWatch Watch { get; } = new();

    public ulong Sequence { get; private set; }

    /// <summary>Set while the feed of this symbol is stale or down; a new tick clears it.</summary>
    public bool QuoteStale
    {
        get => _quoteStale;
        set
        {
            if (value != _quoteStale)
            {
                _quoteStale = value;
                PriceVersion++;
            }
        }
    }

    /// <summary>Restores the last quote known before a restart, stale until the next tick (the sequence starts again).</summary>
    public void RestoreQuote(in Tick tick)
    {
        LastTick = tick with { Sequence = 0 };
        HasTick = true;
        QuoteStale = true;
        PriceVersion++;
    }

    /// <summary>Accepts a tick and returns it stamped with the next per-symbol sequence number.</summary>
    public Tick Accept(in Tick tick)
    {
        Sequence++;
        LastTick = tick with { Sequence = Sequence };
        HasTick = true;
        QuoteStale = false;
        PriceVersion++;
        return LastTick;
    }
}
