namespace TradingCore.Engine.Domain;

/// <summary>
/// Profit and margin formulas per MT5 calc mode, in the symbol's profit/margin currency, before conversion to
/// the account currency (see ../../docs/accounting.md). Pure functions on exact decimals.
/// </summary>
public static class PositionMath
{
    /// <summary>Decimal places kept for a netting position's volume-weighted average open price.</summary>
    public const int AveragePriceDigits = 9;

    /// <summary>
    /// Profit of closing <paramref name="volume"/> lots opened at <paramref name="openPrice"/> at
    /// <paramref name="closePrice"/>, in the profit currency. Longs gain when close &gt; open, shorts the reverse.
    /// FOREX/CFD/stocks: delta * contract size * lots; FUTURES: delta / tick size * tick value * lots.
    /// </summary>
    public static decimal Profit(SymbolSpec spec, bool isBuy, decimal volume, decimal openPrice, decimal closePrice)
    {
        var delta = isBuy ? closePrice - openPrice : openPrice - closePrice;
        return spec.CalcMode switch
        {
            SymbolCalcMode.Futures or SymbolCalcMode.ExchangeFutures => delta / spec.TickSize * spec.TickValue * volume,
            _ => delta * spec.ContractSize * volume,
        };
    }

    /// <summary>
    /// Margin for <paramref name="volume"/> lots in the margin currency. <paramref name="marketPrice"/> is the
    /// price the position opens at (ask for buys, bid for sells).
    /// </summary>
    public static decimal Margin(SymbolSpec spec, int leverage, decimal volume, decimal marketPrice)
    {
        var raw = spec.CalcMode switch
        {
            SymbolCalcMode.Forex => volume * spec.ContractSize / leverage,
            SymbolCalcMode.ForexNoLeverage => volume * spec.ContractSize,
            SymbolCalcMode.Cfd or SymbolCalcMode.ExchangeStocks => volume * spec.ContractSize * marketPrice,
            SymbolCalcMode.CfdIndex => volume * spec.ContractSize * marketPrice * spec.TickValue / spec.TickSize,
            SymbolCalcMode.CfdLeverage => volume * spec.ContractSize * marketPrice / leverage,
            SymbolCalcMode.Futures or SymbolCalcMode.ExchangeFutures => volume * spec.MarginInitial,
            _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.CalcMode, "unknown calc mode"),
        };
        return raw * spec.MarginRate;
    }

    /// <summary>Volume-weighted average of two fills, rounded to <see cref="AveragePriceDigits"/> places.</summary>
    public static decimal AveragePrice(decimal volumeA, decimal priceA, decimal volumeB, decimal priceB) =>
        Math.Round((volumeA * priceA + volumeB * priceB) / (volumeA + volumeB), AveragePriceDigits, MidpointRounding.AwayFromZero);
}
