using TradingCore.Engine.Domain;

namespace TradingCore.Configuration;

/// <summary>The account created on first start when the database holds none (TradingCore:DemoAccount).</summary>
public sealed class DemoAccountOptions
{
    /// <summary>Create the account on first start (false: start without accounts).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The account's login.</summary>
    public long AccountId { get; set; } = 1001;

    /// <summary>Display name.</summary>
    public string Name { get; set; } = "Demo";

    /// <summary>Deposit currency (ISO code).</summary>
    public string Currency { get; set; } = "USD";

    /// <summary>Opening balance, booked as a BALANCE deal.</summary>
    public decimal Balance { get; set; } = 100_000m;

    /// <summary>Leverage as 1:N.</summary>
    public int Leverage { get; set; } = 100;

    /// <summary>Netting (one position per symbol) or hedging (a position per deal).</summary>
    public MarginMode MarginMode { get; set; } = MarginMode.RetailNetting;
}
