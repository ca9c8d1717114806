using TradingCore.Engine.Domain;

namespace TradingCore.Hosting;

/// <summary>Risk limits of an account as configured; see <see cref="AccountLimits"/>. Zero means no limit.</summary>
public sealed class AccountLimitsOptions
{
    public decimal MaxOrderVolume { get; set; }

    public decimal MaxPositionVolume { get; set; }

    public int MaxOpenOrders { get; set; }

    public int MaxOrdersPerSecond { get; set; }

    public AccountLimits ToLimits() => new()
    {
        MaxOrderVolume = MaxOrderVolume,
        MaxPositionVolume = MaxPositionVolume,
        MaxOpenOrders = MaxOpenOrders,
        MaxOrdersPerSecond = MaxOrdersPerSecond,
    };
}
