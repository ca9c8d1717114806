using TradingCore.Engine.Accounting;
using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Factories;

/// <summary>
/// Every deal the engine books starts here: an execution of an order, one side of a close-by, or a balance
/// operation. A deal carries its order's identity (magic, comment, client order id) and the SL/TP of the position
/// it opened or closed.
/// </summary>
internal static class DealFactory
{
    /// <summary>
    /// An execution of <paramref name="order"/> on <paramref name="target"/>, the position it increased, reduced,
    /// closed or reversed (null: it opened a new one, whose identifier is the order's ticket). Entering deals (IN,
    /// INOUT) carry the order's SL/TP, closing ones the target's.
    /// </summary>
    public static Deal Execution(ulong ticket, Order order, bool isBuy, DealEntry entry, decimal volume, decimal price, DealMoney money, Position? target, TradeReason reason, long nowMs)
    {
        var enters = entry is DealEntry.In or DealEntry.InOut;
        return new Deal
        {
            Ticket = ticket,
            OrderTicket = order.Ticket,
            AccountId = order.AccountId,
            Symbol = order.Symbol,
            Type = isBuy ? DealType.Buy : DealType.Sell,
            Entry = entry,
            Volume = volume,
            Price = price,
            Profit = money.Profit,
            Commission = money.Commission,
            Fee = money.Fee,
            Swap = money.Swap,
            PositionId = target?.Identifier ?? order.Ticket,
            TimeMs = nowMs,
            Magic = order.Magic,
            Comment = order.Comment,
            Reason = reason,
            ClientOrderId = order.ClientOrderId,
            StopLoss = enters ? order.StopLoss : target?.StopLoss,
            TakeProfit = enters ? order.TakeProfit : target?.TakeProfit,
        };
    }

    /// <summary>One side of a close-by: an OUT_BY deal closing <paramref name="volume"/> of <paramref name="closed"/> at the other position's open price.</summary>
    public static Deal CloseBy(ulong ticket, Order order, Position closed, decimal volume, decimal price, decimal profit, decimal swap, long nowMs) => new()
    {
        Ticket = ticket,
        OrderTicket = order.Ticket,
        AccountId = order.AccountId,
        Symbol = closed.Symbol,
        Type = closed.IsBuy ? DealType.Sell : DealType.Buy,
        Entry = DealEntry.OutBy,
        Volume = volume,
        Price = price,
        Profit = profit,
        Swap = swap,
        PositionId = closed.Identifier,
        TimeMs = nowMs,
        Magic = order.Magic,
        Comment = order.Comment,
        Reason = TradeReason.Expert,
        ClientOrderId = order.ClientOrderId,
        StopLoss = closed.StopLoss,
        TakeProfit = closed.TakeProfit,
    };

    /// <summary>
    /// One side of a reopen rollover (swap modes REOPEN_*): the OUT deal closing <paramref name="position"/> at the
    /// day's price with its profit, or the IN deal reopening it; no order, reason ROLLOVER.
    /// </summary>
    public static Deal Rollover(ulong ticket, Position position, bool closes, decimal price, decimal profit, long nowMs) => new()
    {
        Ticket = ticket,
        AccountId = position.AccountId,
        Symbol = position.Symbol,
        Type = position.IsBuy == closes ? DealType.Sell : DealType.Buy,
        Entry = closes ? DealEntry.Out : DealEntry.In,
        Volume = position.Volume,
        Price = price,
        Profit = profit,
        PositionId = position.Identifier,
        TimeMs = nowMs,
        Magic = position.Magic,
        Comment = "rollover",
        Reason = TradeReason.Rollover,
        StopLoss = position.StopLoss,
        TakeProfit = position.TakeProfit,
    };

    /// <summary>A balance operation (deposit, withdrawal, correction) of <paramref name="amount"/>.</summary>
    public static Deal Balance(ulong ticket, long accountId, decimal amount, string comment, long nowMs) => new()
    {
        Ticket = ticket,
        AccountId = accountId,
        Type = DealType.Balance,
        Profit = amount,
        TimeMs = nowMs,
        Comment = comment,
        Reason = TradeReason.Client,
    };
}
