namespace TradingCore.Engine.Domain;

/// <summary>One execution that changed a position or the balance (MT5 deal). Immutable.</summary>
public sealed record Deal
{
    public required ulong Ticket { get; init; }

    public ulong OrderTicket { get; init; }

    public required long AccountId { get; init; }

    public string Symbol { get; init; } = "";

    public required DealType Type { get; init; }

    public DealEntry Entry { get; init; } = DealEntry.In;

    public decimal Volume { get; init; }

    public decimal Price { get; init; }

    /// <summary>Realized profit (closing deals) or amount (balance deals), account currency.</summary>
    public decimal Profit { get; init; }

    public decimal Commission { get; init; }

    public decimal Swap { get; init; }

    public decimal Fee { get; init; }

    public ulong PositionId { get; init; }

    public required long TimeMs { get; init; }

    public ulong Magic { get; init; }

    public string Comment { get; init; } = "";

    public TradeReason Reason { get; init; } = TradeReason.Expert;

    public string ClientOrderId { get; init; } = "";

    public decimal? StopLoss { get; init; }

    public decimal? TakeProfit { get; init; }
}
