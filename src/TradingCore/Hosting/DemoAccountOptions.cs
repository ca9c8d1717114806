using TradingCore.Engine.Domain;

namespace TradingCore.Hosting;

/// <summary>The account created on first start when the database holds none (TradingCore:DemoAccount).</summary>
public sealed class DemoAccountOptions
{
    public bool Enabled { get; set; } = true;

    public long AccountId { get; set; } = 1001;

    public string Name { get; set; } = "Demo";

    public string Currency { get; set; } = "USD";

    /// <summary>Opening balance, booked as a BALANCE deal.</summary>
    public decimal Balance { get; set; } = 100_000m;

    public int Leverage { get; set; } = 100;

    public MarginMode MarginMode { get; set; } = MarginMode.RetailNetting;
}
