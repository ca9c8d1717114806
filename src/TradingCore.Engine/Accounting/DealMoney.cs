namespace TradingCore.Engine.Accounting;

/// <summary>
/// What a deal books, account currency: realized profit, commission and fee (charges are negative), and the
/// accumulated swap of the part of a position it closes.
/// </summary>
internal readonly record struct DealMoney(decimal Profit, decimal Commission, decimal Fee, decimal Swap = 0m)
{
    /// <summary>The balance change: profit + commission + fee + swap (MT5's ledger identity).</summary>
    public decimal Total => Profit + Commission + Fee + Swap;
}
