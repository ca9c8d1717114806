using TradingCore.Engine.Core;
using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Accounting;

/// <summary>
/// Cross rates from the feed's latest quotes: a FOREX symbol FROM/TO converts an amount in FROM into TO at its bid,
/// a symbol TO/FROM at 1/ask. Each pair is looked up once and kept until the market next changes (a quote or a
/// symbol), so valuing many positions costs one lookup per currency pair, not a walk over the symbols per position.
/// </summary>
internal sealed class ConversionRates(IReadOnlyDictionary<string, SymbolBook> symbols)
{
    private readonly Dictionary<(string From, string To), (decimal? Rate, SymbolBook? Source)> _rates = [];
    private long _marketVersion;
    private long _ratesVersion = -1;

    /// <summary>A quote or a symbol changed: rates are looked up again when next needed.</summary>
    public void MarketChanged() => _marketVersion++;

    /// <summary>Rate that converts an amount in <paramref name="from"/> into <paramref name="to"/>; null when no quote gives it.</summary>
    public decimal? Rate(string from, string to) => Conversion(from, to).Rate;

    /// <summary>The rate and the symbol whose quote gives it (null for the same currency or no rate).</summary>
    public (decimal? Rate, SymbolBook? Source) Conversion(string from, string to)
    {
        if (string.Equals(from, to, StringComparison.Ordinal))
        {
            return (1m, null);
        }

        if (_ratesVersion != _marketVersion)
        {
            _rates.Clear();
            _ratesVersion = _marketVersion;
        }

        if (!_rates.TryGetValue((from, to), out var conversion))
        {
            conversion = Find(from, to);
            _rates.Add((from, to), conversion);
        }

        return conversion;
    }

    private (decimal? Rate, SymbolBook? Source) Find(string from, string to)
    {
        foreach (var book in symbols.Values)
        {
            if (!book.HasTick || book.Spec.CalcMode is not (SymbolCalcMode.Forex or SymbolCalcMode.ForexNoLeverage))
            {
                continue;
            }

            var spec = book.Spec;
            if (spec.CurrencyBase == from && spec.CurrencyProfit == to && book.LastTick.Bid > 0m)
            {
                return (book.LastTick.Bid, book);
            }

            if (spec.CurrencyBase == to && spec.CurrencyProfit == from && book.LastTick.Ask > 0m)
            {
                return (1m / book.LastTick.Ask, book);
            }
        }

        return (null, null);
    }
}
