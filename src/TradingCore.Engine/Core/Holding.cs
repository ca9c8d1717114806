using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Core;

/// <summary>
/// One account's open positions on one symbol, with their volume per side kept up to date and their floating
/// profit cached for the quote and conversion rate it was computed at. An order, a snapshot or a stop-out check
/// reads these per symbol instead of walking every position; only a new price recomputes a holding's profit.
/// Engine thread only.
/// </summary>
internal sealed class Holding(string symbol)
{
    public string Symbol { get; } = symbol;

    /// <summary>The positions, by ticket.</summary>
    public Dictionary<ulong, Position> Positions { get; } = [];

    /// <summary>Open volume of the long positions.</summary>
    public decimal Buys { get; private set; }

    /// <summary>Open volume of the short positions.</summary>
    public decimal Sells { get; private set; }

    /// <summary>The cached sum of the positions' rounded floating profits (valid when <see cref="ProfitVersion"/> matches).</summary>
    public decimal Profit { get; set; }

    /// <summary>How the cached profit is priced.</summary>
    public PriceState ProfitState { get; set; }

    /// <summary>The symbol's <see cref="SymbolBook.PriceVersion"/> the cached profit was computed at; -1 when none is cached.</summary>
    public long ProfitVersion { get; set; } = -1;

    /// <summary>The conversion rate the cached profit was computed at.</summary>
    public decimal ProfitRate { get; set; }

    public void Add(Position position)
    {
        Positions.Add(position.Ticket, position);
        if (position.IsBuy)
        {
            Buys += position.Volume;
        }
        else
        {
            Sells += position.Volume;
        }
    }

    public void Remove(Position position)
    {
        Positions.Remove(position.Ticket);
        if (position.IsBuy)
        {
            Buys -= position.Volume;
        }
        else
        {
            Sells -= position.Volume;
        }
    }

    /// <summary>Whether the cached profit holds for this quote version and rate.</summary>
    public bool IsProfitCurrent(long priceVersion, decimal rate) => ProfitVersion == priceVersion && ProfitRate == rate;

    public void InvalidateProfit() => ProfitVersion = -1;
}
