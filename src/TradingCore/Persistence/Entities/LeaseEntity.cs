namespace TradingCore.Persistence.Entities;

/// <summary>
/// The single row of table core_lease (PostgreSQL store only): which core trades on this database. A core that
/// takes the lease raises the epoch; every journal append and projection transaction checks the epoch it holds
/// against this row (fencing), so a core that lost the lease can never commit again.
/// </summary>
internal sealed class LeaseEntity
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    /// <summary>Raised by one each time a core takes the lease (the fencing token).</summary>
    public long Epoch { get; set; }

    /// <summary>The core holding it (host, process id, listening address), for operators.</summary>
    public string Holder { get; set; } = "";

    /// <summary>When it was taken, UTC epoch ms (the database server's clock).</summary>
    public long AcquiredAtMs { get; set; }

    /// <summary>When the holder last renewed it, UTC epoch ms (the database server's clock): a standby takes over a holder that stopped renewing.</summary>
    public long RenewedAtMs { get; set; }

    /// <summary>The server process id of the holder's lease session (what a standby terminates to take over a hung holder).</summary>
    public int SessionPid { get; set; }
}
