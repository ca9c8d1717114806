namespace TradingCore.Engine.Accounting;

/// <summary>
/// One symbol's open volume on each side of an account, with Σ volume × open price per side (the legs' average
/// open prices, which price a hedging account's margin).
/// </summary>
/// <param name="Buys">Open buy volume, lots.</param>
/// <param name="BuyValue">Σ volume × open price of the buys.</param>
/// <param name="Sells">Open sell volume, lots.</param>
/// <param name="SellValue">Σ volume × open price of the sells.</param>
internal readonly record struct Legs(decimal Buys, decimal BuyValue, decimal Sells, decimal SellValue)
{
    /// <summary>The buys' volume-weighted average open price (0 without buys).</summary>
    public decimal AverageBuy => Buys == 0m ? 0m : BuyValue / Buys;

    /// <summary>The sells' volume-weighted average open price (0 without sells).</summary>
    public decimal AverageSell => Sells == 0m ? 0m : SellValue / Sells;
}
