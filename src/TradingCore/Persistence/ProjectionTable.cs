namespace TradingCore.Persistence;

/// <summary>What a row handed to a <see cref="ProjectionRowWriter"/> is (its values follow <see cref="ProjectionRows"/>' column lists).</summary>
internal enum ProjectionTable
{
    /// <summary>An account upsert.</summary>
    Account,

    /// <summary>One account's trade events of the transaction, as one block (idempotent upsert).</summary>
    EventBlock,

    /// <summary>An order upsert.</summary>
    Order,

    /// <summary>A deal (idempotent insert).</summary>
    Deal,

    /// <summary>An open position upsert.</summary>
    Position,

    /// <summary>A closed position's identifier, whose row is deleted.</summary>
    DeletedPosition,

    /// <summary>The engine counters and the watermark, then the row id.</summary>
    Counters,
}
