namespace TradingCore.Configuration;

/// <summary>A second core waiting to take over (TradingCore:HighAvailability; PostgreSQL store only). docs/operations.md.</summary>
public sealed class HighAvailabilityOptions
{
    /// <summary>
    /// When another core holds the store's lease: false (default) refuses to start, naming it; true waits as a hot
    /// standby (health NOT_SERVING, every call UNAVAILABLE) and takes over, from the shared journal, when the lease
    /// is released (the other core stopped or died).
    /// </summary>
    public bool Standby { get; set; }

    /// <summary>How often a standby tries the lease and the holder checks it still holds it (and renews it), ms.</summary>
    public int LeaseCheckMs { get; set; } = 500;

    /// <summary>
    /// A standby takes the lease from a holder that has not renewed it for this long (a hung core keeps its
    /// connection, and so the lock, open): it ends the holder's lease session. 0 never does; a holder that only lost
    /// its session loses the lease at once anyway. ms.
    /// </summary>
    public int TakeoverAfterMs { get; set; } = 15_000;
}
