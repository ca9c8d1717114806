namespace TradingCore.Engine.Domain;

/// <summary>
/// Per-account risk limits, checked by the engine before an order is accepted. Zero means "no limit".
/// </summary>
public sealed record AccountLimits
{
    /// <summary>No limits.</summary>
    public static AccountLimits None { get; } = new();

    /// <summary>Largest volume of one order, lots (retcode LIMIT_VOLUME 10034 beyond).</summary>
    public decimal MaxOrderVolume { get; init; }

    /// <summary>Largest open volume per symbol and direction after a fill, lots (LIMIT_VOLUME 10034 beyond).</summary>
    public decimal MaxPositionVolume { get; init; }

    /// <summary>Most working pending orders (LIMIT_ORDERS 10033 beyond); 0 = the engine-wide default.</summary>
    public int MaxOpenOrders { get; init; }

    /// <summary>Most order submissions per second of engine time (TOO_MANY_REQUESTS 10024 beyond).</summary>
    public int MaxOrdersPerSecond { get; init; }
}
