using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Commands;

/// <summary>An operator's change to an account; null fields keep their value.</summary>
public sealed record AccountUpdate
{
    /// <summary>New display name.</summary>
    public string? Name { get; init; }

    /// <summary>New leverage (1:N; this is N).</summary>
    public int? Leverage { get; init; }

    /// <summary>Allowed only while the account has never placed an order.</summary>
    public MarginMode? MarginMode { get; init; }

    /// <summary>New risk limits.</summary>
    public AccountLimits? Limits { get; init; }

    /// <summary>New trading state (active, reducing only, halted).</summary>
    public AccountTradingState? TradingState { get; init; }

    /// <summary>New margin-call and stop-out levels with their mode, set together (the edge checks margin call ≥ stop-out).</summary>
    public (StopOutMode Mode, decimal MarginCall, decimal StopOut)? Levels { get; init; }

    /// <summary>A new venue with its MT5 login (0 for the internal venue); only with no open position and no working order.</summary>
    public (AccountVenue Venue, long Mt5Login)? Venue { get; init; }

    /// <summary>A replacement commission schedule (applies to deals from now on).</summary>
    public IReadOnlyList<CommissionRule>? Commissions { get; init; }
}
