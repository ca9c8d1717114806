namespace TradingCore.Backtesting;

/// <summary>
/// Backtest accounts have ids of their own, at the top of the account range, so the ordinary calls can tell a
/// run's account from a live one: live accounts are never created there (Admin/CreateAccount refuses those ids,
/// and automatic numbering never reaches them).
/// </summary>
internal static class BacktestAccounts
{
    /// <summary>The first backtest account id; the run numbered n has <c>FirstId + n</c>.</summary>
    public const long FirstId = Engine.Domain.ValueRanges.MaxLiveAccountId + 1;

    public static bool Is(long accountId) => accountId >= FirstId;
}
