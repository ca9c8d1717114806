namespace TradingCore.Persistence.Journal;

/// <summary>
/// The durable journal: one record per group commit, sequences gapless from 1. <see cref="JournalLog"/> keeps it in
/// segment files beside SQLite; <see cref="PostgresJournal"/> in table journal of the PostgreSQL store.
/// </summary>
internal interface IJournal
{
    /// <summary>Prepares the journal for use (directory, torn tail); idempotent.</summary>
    void Initialize();

    /// <summary>The single appender; sequences continue after the last record and after <paramref name="projectedSeq"/>.</summary>
    IJournalAppender OpenJournalAppender(long projectedSeq);

    /// <summary>The sequence of the last record, 0 when empty.</summary>
    long LastSeq();

    /// <summary>Up to <paramref name="limit"/> records after <paramref name="afterSeq"/>, in order.</summary>
    List<(long Seq, byte[] Payload)> ReadAfter(long afterSeq, int limit);

    /// <summary>Whether some records at or before <paramref name="throughSeq"/> can be deleted now.</summary>
    bool HasDeletable(long throughSeq);

    /// <summary>Deletes records at or before <paramref name="throughSeq"/> (all projected); returns how many units went.</summary>
    int DeleteThrough(long throughSeq);
}
