using TradingCore.Engine.Accounting;
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
    public string Symbol { get; private set; } = symbol;

    /// <summary>The positions, by ticket.</summary>
    public Dictionary<ulong, Position> Positions { get; } = [];

    /// <summary>Open volume of the long positions.</summary>
    public decimal Buys { get; private set; }

    /// <summary>Open volume of the short positions.</summary>
    public decimal Sells { get; private set; }

    /// <summary>Σ volume × open price of the buys (exact: volumes and prices have few decimals).</summary>
    public decimal BuyValue { get; private set; }

    /// <summary>Σ volume × open price of the sells.</summary>
    public decimal SellValue { get; private set; }

    /// <summary>Σ accumulated swap of the positions, account currency (in equity).</summary>
    public decimal Swap { get; private set; }

    /// <summary>The volumes and open values per side.</summary>
    public Legs Legs => new(Buys, BuyValue, Sells, SellValue);

    /// <summary>The cached sum of the positions' rounded floating profits (valid when <see cref="ProfitVersion"/> matches).</summary>
    public decimal Profit { get; set; }

    /// <summary>How the cached profit is priced.</summary>
    public PriceState ProfitState { get; set; }

    /// <summary>The symbol's <see cref="SymbolBook.PriceVersion"/> the cached profit was computed at; -1 when none is cached.</summary>
    public long ProfitVersion { get; set; } = -1;

    /// <summary>The conversion rate the cached profit was computed at.</summary>
    public decimal ProfitRate { get; set; }

    private readonly ProfitSums _sums = new();
    private SymbolSpec? _boundSpec;
    private decimal _factors;
    private decimal _openValue;

    /// <summary>
    /// The stop-out screening's inputs (EngineCore.StopOut.cs): Σ f and Σ f × |open| over the positions, with f a
    /// position's profit per unit of price (|PositionMath.Profit(spec, volume, 0 → 1)|). Kept up to date as positions
    /// join and leave, so a band costs O(1) per holding; summed anew (O(n)) only for a new spec, or after an update
    /// that decimal arithmetic could not make exactly (the sums are then what a fresh sum gives, always).
    /// </summary>
    public (decimal Factors, decimal OpenValue) BoundTerms(SymbolSpec spec)
    {
        if (!ReferenceEquals(_boundSpec, spec))
        {
            decimal factors = 0m, openValue = 0m;
            foreach (var position in Positions.Values)
            {
                var factor = Factor(spec, position);
                factors += factor;
                openValue += factor * Math.Abs(position.PriceOpen);
            }

            (_factors, _openValue, _boundSpec) = (factors, openValue, spec);
        }

        return (_factors, _openValue);
    }

    /// <summary>
    /// Makes an emptied holding what <c>new Holding(symbol)</c> is, keeping its tables' capacity: a netting account
    /// that opens and closes a symbol over and over would otherwise allocate a holding, its sums' tables and its
    /// positions' table for every opening.
    /// </summary>
    public void Reset(string symbol)
    {
        if (Positions.Count != 0)
        {
            throw new InvalidOperationException($"the holding of {Symbol} still has {Positions.Count} positions");
        }

        Positions.Clear(); // also forgets the removed entries, so enumeration follows insertion as in a new table
        Symbol = symbol;
        (Buys, Sells, BuyValue, SellValue, Swap) = (0m, 0m, 0m, 0m, 0m);
        (Profit, ProfitState, ProfitVersion, ProfitRate) = (0m, default, -1, 0m);
        (_boundSpec, _factors, _openValue) = (null, 0m, 0m);
        _sums.Reset();
    }

    public void Add(Position position)
    {
        Positions.Add(position.Ticket, position);
        Swap += position.Swap;
        AdjustBoundTerms(position, joins: true);
        _sums.Adjust(position, joins: true);
        if (position.IsBuy)
        {
            Buys += position.Volume;
            BuyValue += position.Volume * position.PriceOpen;
        }
        else
        {
            Sells += position.Volume;
            SellValue += position.Volume * position.PriceOpen;
        }
    }

    public void Remove(Position position)
    {
        Positions.Remove(position.Ticket);
        Swap -= position.Swap;
        AdjustBoundTerms(position, joins: false);
        _sums.Adjust(position, joins: false);
        if (position.IsBuy)
        {
            Buys -= position.Volume;
            BuyValue -= position.Volume * position.PriceOpen;
        }
        else
        {
            Sells -= position.Volume;
            SellValue -= position.Volume * position.PriceOpen;
        }
    }

    /// <summary>
    /// The exact sum of the positions' rounded profits at this quote (profit currency = account currency) from the
    /// kept sums, O(1); null when only a walk over the positions gives it exactly (see <see cref="ProfitSums"/>).
    /// </summary>
    public decimal? SummedProfit(SymbolSpec spec, decimal bid, decimal ask, int digits)
    {
        if (!_sums.IsFor(spec) || (Positions.Count == 0 && !_sums.IsExact))
        {
            _sums.Rebuild(spec, Positions.Values);
        }

        return _sums.Profit(bid, ask, digits);
    }

    private static decimal Factor(SymbolSpec spec, Position position) => Math.Abs(PositionMath.Profit(spec, true, position.Volume, 0m, 1m));

    private void AdjustBoundTerms(Position position, bool joins)
    {
        if (_boundSpec is not { } spec)
        {
            return;
        }

        try
        {
            var factor = Factor(spec, position);
            var value = factor * Math.Abs(position.PriceOpen);
            var (factors, openValue) = joins ? (_factors + factor, _openValue + value) : (_factors - factor, _openValue - value);
            var exact = (joins ? factors - factor : factors + factor) == _factors && (joins ? openValue - value : openValue + value) == _openValue;
            (_factors, _openValue) = (factors, openValue);
            if (!exact)
            {
                _boundSpec = null; // rounded: the next band sums anew
            }
        }
        catch (OverflowException)
        {
            _boundSpec = null;
        }
    }

    /// <summary>Whether the cached profit holds for this quote version and rate.</summary>
    public bool IsProfitCurrent(long priceVersion, decimal rate) => ProfitVersion == priceVersion && ProfitRate == rate;

    public void InvalidateProfit() => ProfitVersion = -1;
}
