using TradingCore.Engine.Domain;

namespace TradingCore.Configuration;

/// <summary>
/// Operator control of one account (TradingCore:AccountControl:{accountId}). Applied at startup and again whenever
/// the configuration changes (appsettings.json is watched), so an operator can halt an account at runtime.
/// Absent settings leave the account as it is.
/// </summary>
public sealed class AccountControlOptions
{
    /// <summary>ACTIVE, REDUCING (only exposure-reducing orders) or HALTED (cancels only).</summary>
    public AccountTradingState? TradingState { get; set; }

    /// <summary>When present, replaces the account's risk limits (0 = no limit).</summary>
    public AccountLimitsOptions? Limits { get; set; }

    /// <summary>
    /// When present, the account's venue: an MT5 login routes its orders to that terminal (venue MT5), 0 keeps them in
    /// the core (venue INTERNAL); refused (and logged) while it has positions or working orders (docs/mt5-routing.md).
    /// </summary>
    public long? Mt5Login { get; set; }
}
