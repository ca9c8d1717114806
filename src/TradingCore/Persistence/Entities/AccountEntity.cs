namespace TradingCore.Persistence.Entities;

/// <summary>Row of table accounts: settings and booked balance of one account.</summary>
internal sealed class AccountEntity
{
    public long AccountId { get; set; }

    public string Name { get; set; } = "";

    public string Currency { get; set; } = "";

    public int CurrencyDigits { get; set; }

    public int Leverage { get; set; }

    public int MarginMode { get; set; }

    public int TradingState { get; set; }

    public decimal Balance { get; set; }

    public decimal Credit { get; set; }

    public decimal MarginCallLevel { get; set; }

    public decimal StopOutLevel { get; set; }

    public long TimeCreatedMs { get; set; }

    public decimal MaxOrderVolume { get; set; }

    public decimal MaxPositionVolume { get; set; }

    public int MaxOpenOrders { get; set; }

    public int MaxOrdersPerSecond { get; set; }

    public bool Closed { get; set; }

    /// <summary>StopOutMode: 1 percent, 2 money.</summary>
    public int StopOutMode { get; set; } = 1;

    public bool MarginCall { get; set; }

    /// <summary>The commission schedule as JSON (a list of CommissionRule; "[]" when none).</summary>
    public string Commissions { get; set; } = "[]";

    /// <summary>AccountVenue: 1 internal, 2 MT5.</summary>
    public int Venue { get; set; } = 1;

    /// <summary>The MT5 login a routed account mirrors (0 for the internal venue).</summary>
    public long Mt5Login { get; set; }
}
