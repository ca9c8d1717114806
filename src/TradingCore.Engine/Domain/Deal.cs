namespace TradingCore.Engine.Domain;

/// <summary>One execution that changed a position or the balance (MT5 deal). Immutable.</summary>
public sealed record Deal
{
    /// <summary>Deal ticket (MT5 DEAL_TICKET), unique and increasing.</summary>
    public required ulong Ticket { get; init; }

    /// <summary>The order that caused the deal (0 for balance operations).</summary>
    public ulong OrderTicket { get; init; }

    /// <summary>The account.</summary>
    public required long AccountId { get; init; }

    /// <summary>Symbol traded (empty for balance operations).</summary>
    public string Symbol { get; init; } = "";

    /// <summary>Buy, sell or a balance operation.</summary>
    public required DealType Type { get; init; }

    /// <summary>How the deal changed the position.</summary>
    public DealEntry Entry { get; init; } = DealEntry.In;

    /// <summary>Executed volume, lots.</summary>
    public decimal Volume { get; init; }

    /// <summary>Execution price.</summary>
    public decimal Price { get; init; }

    /// <summary>Realized profit (closing deals) or amount (balance deals), account currency.</summary>
    public decimal Profit { get; init; }

    /// <summary>Commission, deposit currency, negative when charged (MT5 DEAL_COMMISSION; the account's schedule, docs/accounting.md).</summary>
    public decimal Commission { get; init; }

    /// <summary>Swap the deal realizes, deposit currency (MT5 DEAL_SWAP): the closed part's share of the position's accumulated swap.</summary>
    public decimal Swap { get; init; }

    /// <summary>Fee, deposit currency, negative when charged (MT5 DEAL_FEE; the account's schedule).</summary>
    public decimal Fee { get; init; }

    /// <summary>The position the deal opened, changed or closed (MT5 DEAL_POSITION_ID).</summary>
    public ulong PositionId { get; init; }

    /// <summary>Routed accounts: MT5's deal ticket (DEAL_TICKET), the key that applies each MT5 deal once; 0 for the core's own deals.</summary>
    public ulong Mt5DealTicket { get; init; }

    /// <summary>Execution time, UTC epoch ms.</summary>
    public required long TimeMs { get; init; }

    /// <summary>Expert (bot) id copied from the order.</summary>
    public ulong Magic { get; init; }

    /// <summary>Comment copied from the order, or the reason text.</summary>
    public string Comment { get; init; } = "";

    /// <summary>What caused the deal (client, stop loss, take profit, stop-out, ...).</summary>
    public TradeReason Reason { get; init; } = TradeReason.Expert;

    /// <summary>The client order id of the order that caused the deal.</summary>
    public string ClientOrderId { get; init; } = "";

    /// <summary>Stop loss: the order's for an opening deal, the position's for a closing one (null = none).</summary>
    public decimal? StopLoss { get; init; }

    /// <summary>Take profit: the order's for an opening deal, the position's for a closing one (null = none).</summary>
    public decimal? TakeProfit { get; init; }
}
