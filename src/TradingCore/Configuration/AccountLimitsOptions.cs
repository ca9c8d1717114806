using TradingCore.Engine.Domain;

namespace TradingCore.Configuration;

/// <summary>Risk limits of an account as configured; see <see cref="AccountLimits"/>. Zero means no limit.</summary>
public sealed class AccountLimitsOptions
{
    /// <summary>Largest volume of one order, in lots.</summary>
    public decimal MaxOrderVolume { get; set; }

    /// <summary>Largest resulting position per symbol (net volume), in lots.</summary>
    public decimal MaxPositionVolume { get; set; }

    /// <summary>Most pending orders at once.</summary>
    public int MaxOpenOrders { get; set; }

    /// <summary>Most order requests per second.</summary>
    public int MaxOrdersPerSecond { get; set; }

    /// <summary>The engine's form of these limits.</summary>
    public AccountLimits ToLimits() => new()
    {
        MaxOrderVolume = MaxOrderVolume,
        MaxPositionVolume = MaxPositionVolume,
        MaxOpenOrders = MaxOpenOrders,
        MaxOrdersPerSecond = MaxOrdersPerSecond,
    };
}
