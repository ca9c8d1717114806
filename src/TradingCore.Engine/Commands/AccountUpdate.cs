using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Commands;

/// <summary>An operator's change to an account; null fields keep their value.</summary>
public sealed record AccountUpdate
{
    public string? Name { get; init; }

    public int? Leverage { get; init; }

    /// <summary>Allowed only while the account has never placed an order.</summary>
    public MarginMode? MarginMode { get; init; }

    public AccountLimits? Limits { get; init; }

    public AccountTradingState? TradingState { get; init; }
}
