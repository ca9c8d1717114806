using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Commands;

/// <summary>
/// A deal on the MT5 trade server (HistoryDeal* of a DEAL_ADD transaction or of a reconciliation sweep), as the
/// terminal's EA reported it. MT5 is the truth: price, volume and money are booked as given.
/// </summary>
public sealed record VenueDeal
{
    /// <summary>The terminal's MT5 login.</summary>
    public required long Login { get; init; }

    /// <summary>DEAL_TICKET: applied once per routed account, whatever the EA repeats.</summary>
    public required ulong Mt5DealTicket { get; init; }

    /// <summary>DEAL_ORDER: MT5's order ticket (0 for balance operations).</summary>
    public ulong Mt5OrderTicket { get; init; }

    /// <summary>The core order ticket read from the deal's tag (comment "tc:" + base 36), 0 when it carries none.</summary>
    public ulong OrderTicket { get; init; }

    /// <summary>DEAL_SYMBOL.</summary>
    public required string Symbol { get; init; }

    /// <summary>DEAL_TYPE is BUY (else SELL).</summary>
    public required bool IsBuy { get; init; }

    /// <summary>DEAL_ENTRY as MT5 reported it (the core derives its own entry from the position and checks them).</summary>
    public DealEntry Entry { get; init; } = DealEntry.In;

    /// <summary>DEAL_VOLUME, lots.</summary>
    public required decimal Volume { get; init; }

    /// <summary>DEAL_PRICE.</summary>
    public required decimal Price { get; init; }

    /// <summary>DEAL_POSITION_ID: MT5's position identifier.</summary>
    public required ulong Mt5PositionId { get; init; }

    /// <summary>DEAL_PROFIT, in the account currency.</summary>
    public decimal Profit { get; init; }

    /// <summary>DEAL_COMMISSION.</summary>
    public decimal Commission { get; init; }

    /// <summary>DEAL_SWAP.</summary>
    public decimal Swap { get; init; }

    /// <summary>DEAL_FEE.</summary>
    public decimal Fee { get; init; }

    /// <summary>DEAL_REASON (client, expert, stop loss, take profit, stop-out, ...).</summary>
    public TradeReason Reason { get; init; } = TradeReason.Expert;

    /// <summary>DEAL_MAGIC.</summary>
    public ulong Magic { get; init; }

    /// <summary>DEAL_COMMENT.</summary>
    public string Comment { get; init; } = "";
}
