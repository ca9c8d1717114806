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

    /// <summary>When it was taken, UTC epoch ms.</summary>
    public long AcquiredAtMs { get; set; }
}
