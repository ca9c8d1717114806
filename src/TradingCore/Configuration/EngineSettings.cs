namespace TradingCore.Configuration;

/// <summary>Engine limits (TradingCore:Engine).</summary>
public sealed class EngineSettings
{
    /// <summary>Capacity of the engine input channel (ticks and commands).</summary>
    public int InputCapacity { get; set; } = 65_536;

    /// <summary>How long a command may wait for room in the engine input before RESOURCE_EXHAUSTED, ms.</summary>
    public int AdmissionTimeoutMs { get; set; } = 2_000;

    /// <summary>
    /// Unary trading calls (gRPC or HTTP/JSON; not Auth, not Admin, not streams) the core works on at once; beyond it a
    /// call is refused RESOURCE_EXHAUSTED with a retry delay before any decoding. 0: no bound.
    /// </summary>
    public int MaxCallsInFlight { get; set; } = 2_048;

    /// <summary>Working pending orders allowed per account (retcode 10033 beyond).</summary>
    public int MaxPendingOrdersPerAccount { get; set; } = 500;

    /// <summary>
    /// Decided orders kept in memory for idempotency (working orders are always kept); older client order ids are
    /// answered from storage. Also how many decided orders a restart loads. Small on purpose: a decided order kept
    /// for seconds outlives two collections and dies in gen 2, which a steady order flow then fills until a full
    /// collection runs (docs/architecture.md, "The idempotency window").
    /// </summary>
    public int IdempotencyWindow { get; set; } = 32;

    /// <summary>
    /// One full, compacting collection once recovery finished, before the core reports SERVING: what starting up
    /// allocated (the model, the recovered state, the JIT's work) is collected in one planned pause instead of by
    /// background full collections in the first seconds of trading (docs/architecture.md, "The heap at start").
    /// </summary>
    public bool SettleHeapOnStart { get; set; } = true;

    /// <summary>
    /// An order sent to an MT5 terminal with no result after this long becomes UNKNOWN and the terminal is asked to
    /// sweep (docs/mt5-routing.md), ms.
    /// </summary>
    public int RoutingTimeoutMs { get; set; } = 30_000;
}
