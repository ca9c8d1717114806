using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Core;

/// <summary>
/// The inputs of a holding's floating profit kept as positions join and leave, so a new quote prices the holding
/// with a few multiplications instead of a walk over its positions: per side, F = Σ f and O = Σ f × open with
/// f = contract size × volume, giving Σ profit = F_buy × bid − O_buy + O_sell − F_sell × ask.
/// MT5 rounds each position's profit to the account currency's digits; that sum equals the rounded sum exactly
/// when no position's profit has more decimals than the currency, which holds when every f is a multiple of
/// 10^(S − digits), S being the largest number of decimals of the quote and the open prices (then f × (close − open)
/// is a multiple of 10^−digits). The answer is given only then, with every multiplication and addition checked to be
/// exact (a decimal that had to round reduces its scale) and every position's profit provably bookable; otherwise
/// (futures' tick-value formula, a conversion rate, prices or volumes with too many decimals, huge values) the
/// caller sums position by position as before. Engine thread only.
/// </summary>
internal sealed class ProfitSums
{
    private const int MaxScale = 28;

    /// <summary>Positions per power-of-ten valuation of f (−28..28: f is a multiple of 10^v), to know the smallest.</summary>
    private readonly int[] _valuations = new int[(2 * MaxScale) + 1];

    /// <summary>Positions per number of decimals of their open price.</summary>
    private readonly int[] _openScales = new int[MaxScale + 1];

    private SymbolSpec? _spec;
    private bool _exact;
    private int _count;
    private decimal _buyFactors, _buyOpen, _sellFactors, _sellOpen;

    /// <summary>What a new instance is: built for no spec, not exact, no positions.</summary>
    public void Reset()
    {
        (_spec, _exact, _count) = (null, false, 0);
        (_buyFactors, _buyOpen, _sellFactors, _sellOpen) = (0m, 0m, 0m, 0m);
        Array.Clear(_valuations);
        Array.Clear(_openScales);
    }

    /// <summary>Starts over for <paramref name="spec"/> from the holding's positions.</summary>
    public void Rebuild(SymbolSpec spec, IEnumerable<Position> positions)
    {
        (_spec, _exact, _count) = (spec, spec.CalcMode is not (SymbolCalcMode.Futures or SymbolCalcMode.ExchangeFutures), 0);
        (_buyFactors, _buyOpen, _sellFactors, _sellOpen) = (0m, 0m, 0m, 0m);
        Array.Clear(_valuations);
        Array.Clear(_openScales);
        foreach (var position in positions)
        {
            Adjust(position, joins: true);
        }
    }

    /// <summary>Whether every update so far was exact (otherwise <see cref="Profit"/> answers null until a rebuild).</summary>
    public bool IsExact => _exact;

    /// <summary>Whether the sums were built for this spec (a new spec needs <see cref="Rebuild"/>).</summary>
    public bool IsFor(SymbolSpec spec) => ReferenceEquals(_spec, spec);

    public void Adjust(Position position, bool joins)
    {
        if (_spec is not { } spec || !_exact)
        {
            return;
        }

        try
        {
            var factor = spec.ContractSize * position.Volume;
            var open = factor * position.PriceOpen;
            _exact &= Exact(factor, spec.ContractSize, position.Volume) && Exact(open, factor, position.PriceOpen);
            if (position.IsBuy)
            {
                _exact &= Add(ref _buyFactors, factor, joins) & Add(ref _buyOpen, open, joins);
            }
            else
            {
                _exact &= Add(ref _sellFactors, factor, joins) & Add(ref _sellOpen, open, joins);
            }

            var step = joins ? 1 : -1;
            _valuations[Valuation(factor) + MaxScale] += step;
            _openScales[Decimals(position.PriceOpen)] += step;
            _count += step;
        }
        catch (OverflowException)
        {
            _exact = false;
        }
    }

    /// <summary>The exact sum of the positions' rounded profits at this quote, or null when it cannot be given exactly.</summary>
    public decimal? Profit(decimal bid, decimal ask, int digits)
    {
        if (!_exact || _spec is null)
        {
            return null;
        }

        if (_count == 0)
        {
            return 0m;
        }

        var decimals = Math.Max(Decimals(bid), Decimals(ask));
        for (var scale = MaxScale; scale > decimals; scale--)
        {
            if (_openScales[scale] > 0)
            {
                decimals = scale;
                break;
            }
        }

        var lowest = 0;
        while (_valuations[lowest] == 0)
        {
            lowest++;
        }

        if (lowest - MaxScale < decimals - digits)
        {
            return null; // some position's profit may have more decimals than the currency: it is rounded
        }

        try
        {
            var buyClose = _buyFactors * bid;
            var sellClose = _sellFactors * ask;
            if (!Exact(buyClose, _buyFactors, bid) || !Exact(sellClose, _sellFactors, ask)
                || buyClose + _buyOpen > ValueRanges.MaxBookedMoney || sellClose + _sellOpen > ValueRanges.MaxBookedMoney)
            {
                return null; // beyond exact arithmetic, or some position's profit might not be bookable
            }

            var buys = buyClose - _buyOpen;
            var sells = _sellOpen - sellClose;
            var total = buys + sells;
            if (!ExactSum(buys, buyClose, _buyOpen) || !ExactSum(sells, _sellOpen, sellClose) || !ExactSum(total, buys, sells))
            {
                return null;
            }

            return DecimalMath.RoundMoney(total, digits);
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>A product is exact when decimal kept every digit: its scale is the sum of the factors' scales.</summary>
    private static bool Exact(decimal product, decimal a, decimal b) => a.Scale + b.Scale <= MaxScale && product.Scale == a.Scale + b.Scale;

    /// <summary>A sum or difference is exact when decimal kept the larger scale of its terms.</summary>
    private static bool ExactSum(decimal result, decimal a, decimal b) => result.Scale == Math.Max(a.Scale, b.Scale);

    private static bool Add(ref decimal sum, decimal value, bool joins)
    {
        var result = joins ? sum + value : sum - value;
        var exact = ExactSum(result, sum, value);
        sum = result;
        return exact;
    }

    /// <summary>Decimals of a value without its trailing zeros (1.10000 has 1).</summary>
    private static int Decimals(decimal value) => DecimalMath.Normalize(value).Scale;

    /// <summary>The largest v with value a multiple of 10^v (1000 → 3, 0.5 → −1, 0 → 28).</summary>
    private static int Valuation(decimal value)
    {
        var normalized = DecimalMath.Normalize(value);
        if (normalized == 0m)
        {
            return MaxScale;
        }

        if (normalized.Scale > 0)
        {
            return -normalized.Scale;
        }

        var zeros = 0;
        var integer = decimal.Abs(normalized);
        while (zeros < MaxScale && integer % 10m == 0m)
        {
            integer /= 10m;
            zeros++;
        }

        return zeros;
    }
}
