namespace TradingCore.Engine.Core;

/// <summary>Engine limits and sizes. Defaults suit a single-node core; all are configurable by the host.</summary>
public sealed record EngineOptions
{
    /// <summary>Capacity of the engine's input channel (ticks and commands), messages.</summary>
    public int InputCapacity { get; init; } = 65_536;

    /// <summary>How long a command may wait for room in a full input channel before it is refused.</summary>
    public TimeSpan AdmissionTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the engine checks order expiry when no tick arrives.</summary>
    public TimeSpan ClockInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Working pending orders allowed per account (MT5 LIMIT_ORDERS, retcode 10033).</summary>
    public int MaxPendingOrdersPerAccount { get; init; } = 500;

    /// <summary>
    /// Decided orders the idempotency index keeps in memory (working orders are always kept). Older ones are
    /// forgotten once storage holds them and their ids are answered from storage; int.MaxValue (the default for an
    /// engine without storage) never forgets.
    /// </summary>
    public int IdempotencyWindow { get; init; } = int.MaxValue;

    /// <summary>Lowest accepted ticket numbers, so tickets look like MT5's and never start at 1.</summary>
    public ulong FirstOrderTicket { get; init; } = 1_000_000;

    /// <summary>Lowest deal ticket (see FirstOrderTicket).</summary>
    public ulong FirstDealTicket { get; init; } = 1_000_000;

    /// <summary>A routed order with no result from MT5 after this long becomes UNKNOWN (docs/mt5-routing.md), ms.</summary>
    public long RoutingTimeoutMs { get; init; } = 30_000;
}
