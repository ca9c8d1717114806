namespace TradingCore.Engine.Accounting;

/// <summary>What a deal books, account currency: realized profit, commission and fee (charges are negative).</summary>
internal readonly record struct DealMoney(decimal Profit, decimal Commission, decimal Fee)
{
    /// <summary>The balance change: profit + commission + fee (MT5's ledger identity, swap aside).</summary>
    public decimal Total => Profit + Commission + Fee;
}
