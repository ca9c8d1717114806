namespace TradingCore.Persistence.Entities;

/// <summary>
/// Row of table event_blocks: one account's trade events of one projector transaction, in sequence order, encoded
/// by <see cref="EventBlock"/> (the stream's replay reads these; table trade_events holds the rows older versions wrote).
/// </summary>
internal sealed class EventBlockEntity
{
    public long AccountId { get; set; }

    /// <summary>The block's last event sequence (with the account, the key: replay seeks the first block ending after its resume point).</summary>
    public long LastSequence { get; set; }

    public long FirstSequence { get; set; }

    public int Count { get; set; }

    public long FirstTimeMs { get; set; }

    public long LastTimeMs { get; set; }

    /// <summary>The events, each: sequence delta, time delta (zigzag), kind, payload length (varints) and the payload (a serialized trading.v1.TradeEvent).</summary>
    public byte[] Records { get; set; } = [];
}
