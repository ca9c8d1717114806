using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Accounting;

/// <summary>
/// An account's margin-call and stop-out tests (MT5 ACCOUNT_MARGIN_SO_CALL / _SO_SO in ACCOUNT_MARGIN_SO_MODE):
/// percent mode compares the margin level (equity × 100 &lt; level × margin), money mode the equity (equity &lt;
/// level). Only an account that uses margin can be below either: without positions there is nothing to warn
/// about or close.
/// </summary>
internal static class AccountLevels
{
    /// <summary>Whether <paramref name="equity"/> with <paramref name="margin"/> in use is below <paramref name="level"/>.</summary>
    public static bool IsBelow(Account account, decimal equity, decimal margin, decimal level) =>
        margin > 0m && (account.StopOutMode == StopOutMode.Money ? equity < level : equity * 100m < level * margin);

    /// <summary>
    /// For the stop-out screening: the slack 100 × equity − a × margin − b of the account against
    /// <paramref name="level"/> (positive: above it), and the weight a of margin in it (percent: a = level, b = 0;
    /// money: a = 0, b = 100 × level), so a band keeps 100 × Δprofit + a × Δmargin below the slack.
    /// </summary>
    public static (decimal Slack, decimal MarginWeight) Slack(Account account, decimal equity, decimal margin, decimal level) =>
        account.StopOutMode == StopOutMode.Money
            ? (100m * (equity - level), 0m)
            : ((100m * equity) - (level * margin), Math.Abs(level));
}
