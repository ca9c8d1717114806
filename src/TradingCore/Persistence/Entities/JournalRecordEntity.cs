namespace TradingCore.Persistence.Entities;

/// <summary>
/// One journal record in table journal (PostgreSQL store only: there the journal lives in the database, shared by
/// every core process against it; the SQLite store keeps its journal in segment files).
/// </summary>
internal sealed class JournalRecordEntity
{
    /// <summary>The record's sequence (gapless, from 1).</summary>
    public long Seq { get; set; }

    /// <summary>The fencing epoch of the core that appended it (0 when no lease is configured).</summary>
    public long Epoch { get; set; }

    /// <summary>The batch, encoded by JournalCodec.</summary>
    public byte[] Payload { get; set; } = [];
}
