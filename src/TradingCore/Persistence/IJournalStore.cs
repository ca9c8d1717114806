namespace TradingCore.Persistence;

/// <summary>Writes one <see cref="JournalBatch"/> in one transaction on the journal's own connection. Not thread-safe.</summary>
internal interface IJournalStore : IDisposable
{
    /// <summary>Short name for logs and benchmarks.</summary>
    string Name { get; }

    /// <summary>Commits the batch; throws if it could not (nothing of it is then stored).</summary>
    void Commit(JournalBatch batch);
}
