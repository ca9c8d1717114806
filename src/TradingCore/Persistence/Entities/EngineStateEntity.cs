namespace TradingCore.Persistence.Entities;

/// <summary>The single row of table engine_state: counters the engine resumes from.</summary>
internal sealed class EngineStateEntity
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public long LastOrderTicket { get; set; }

    public long LastDealTicket { get; set; }

    public long LastSequence { get; set; }

    /// <summary>The projection's watermark: the last journal record whose rows are in these tables.</summary>
    public long JournalSeq { get; set; }
}
