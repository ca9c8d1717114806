namespace TradingCore.Engine.Domain;

/// <summary>A trading account's settings and booked money (MT5 ACCOUNT_*). Immutable.</summary>
public sealed record Account
{
    /// <summary>Account number (MT5 login).</summary>
    public required long AccountId { get; init; }

    /// <summary>Display name.</summary>
    public string Name { get; init; } = "";

    /// <summary>Deposit currency, e.g. "USD".</summary>
    public required string Currency { get; init; }

    /// <summary>Decimal places of money in <see cref="Currency"/> (2 for USD).</summary>
    public int CurrencyDigits { get; init; } = 2;

    /// <summary>Leverage 1:N; this is N.</summary>
    public required int Leverage { get; init; }

    /// <summary>Netting or hedging.</summary>
    public required MarginMode MarginMode { get; init; }

    /// <summary>Whether the account may trade (an operator can suspend it or allow closing only).</summary>
    public AccountTradingState TradingState { get; init; } = AccountTradingState.Active;

    /// <summary>Booked money in the deposit currency (deposits, withdrawals, realized profit, commissions).</summary>
    public required decimal Balance { get; init; }

    /// <summary>Credit granted by the broker, counted in equity.</summary>
    public decimal Credit { get; init; }

    /// <summary>The level below which the account is in margin call (a warning), in <see cref="StopOutMode"/>'s unit.</summary>
    public decimal MarginCallLevel { get; init; } = 100m;

    /// <summary>The level below which positions are closed, largest loss first, in <see cref="StopOutMode"/>'s unit.</summary>
    public decimal StopOutLevel { get; init; } = 50m;

    /// <summary>Whether the levels are margin levels in percent or equity in money (MT5 ACCOUNT_MARGIN_SO_MODE).</summary>
    public StopOutMode StopOutMode { get; init; } = StopOutMode.Percent;

    /// <summary>True while the account is below its margin-call level (set and cleared by the engine, with an account event).</summary>
    public bool MarginCall { get; init; }

    /// <summary>The commission schedule (instant charges on deals); for each kind the first rule matching a symbol applies.</summary>
    public IReadOnlyList<CommissionRule> Commissions { get; init; } = [];

    /// <summary>Creation time, UTC epoch ms.</summary>
    public long TimeCreatedMs { get; init; }

    /// <summary>A closed account stays readable but never trades again.</summary>
    public bool Closed { get; init; }

    /// <summary>Risk limits checked before an order is accepted.</summary>
    public AccountLimits Limits { get; init; } = AccountLimits.None;

    /// <summary>Where the account's orders execute (docs/mt5-routing.md).</summary>
    public AccountVenue Venue { get; init; } = AccountVenue.Internal;

    /// <summary>The MT5 login the account mirrors when <see cref="Venue"/> is MT5; 0 otherwise.</summary>
    public long Mt5Login { get; init; }

    /// <summary>True when the account's orders go to an MT5 terminal.</summary>
    public bool IsRouted => Venue == AccountVenue.Mt5;

    /// <summary>True for hedging accounts (a position per deal).</summary>
    public bool IsHedging => MarginMode == MarginMode.RetailHedging;
}
