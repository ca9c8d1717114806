namespace TradingCore.Persistence.Entities;

/// <summary>Row of table trade_events: the journal the event stream replays from; payload is a serialized trading.v1.TradeEvent.</summary>
internal sealed class TradeEventEntity
{
    public long Sequence { get; set; }

    public long AccountId { get; set; }

    public long TimeMs { get; set; }

    /// <summary>Payload kind: 1 order, 2 deal, 3 position, 4 account.</summary>
    public int Kind { get; set; }

    public byte[] Payload { get; set; } = [];
}
