namespace TradingCore.Persistence.Journal;

/// <summary>Appends journal records. Not thread-safe: the journal writer's loop owns it.</summary>
internal interface IJournalAppender : IDisposable
{
    /// <summary>Sequence of the last record appended.</summary>
    long LastSeq { get; }

    /// <summary>Appends one record, durable when this returns; returns its sequence.</summary>
    long Append(ReadOnlySpan<byte> payload);
}
