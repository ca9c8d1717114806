using TradingCore.Engine.Domain;
using TradingCore.Persistence;

namespace TradingCore.Backtesting;

/// <summary>
/// The history reads of a backtest's account, answered from the run's memory with the same filters and paging as
/// the live store's (<see cref="HistoryReader"/>): newest first, below the page token's ticket.
/// </summary>
internal static class BacktestHistory
{
    public static IReadOnlyList<Order> Orders(BacktestRun run, OrderQuery query) =>
    [
        .. run.Orders()
            .Where(order => !query.HistoryOnly || !order.IsWorking)
            .Where(order => string.IsNullOrEmpty(query.Symbol) || order.Symbol == query.Symbol)
            .Where(order => query.FromTimeMs == 0 || order.TimeSetupMs >= query.FromTimeMs)
            .Where(order => query.ToTimeMs == 0 || order.TimeSetupMs < query.ToTimeMs)
            .Where(order => query.BeforeTicket == 0 || order.Ticket < query.BeforeTicket)
            .Take(query.Limit),
    ];

    public static IReadOnlyList<Deal> Deals(BacktestRun run, DealQuery query) =>
    [
        .. run.Deals()
            .Where(deal => query.TradesOnly is null || (deal.Type is DealType.Buy or DealType.Sell) == query.TradesOnly)
            .Where(deal => string.IsNullOrEmpty(query.Symbol) || deal.Symbol == query.Symbol)
            .Where(deal => query.PositionId == 0 || deal.PositionId == query.PositionId)
            .Where(deal => query.OrderTicket == 0 || deal.OrderTicket == query.OrderTicket)
            .Where(deal => query.FromTimeMs == 0 || deal.TimeMs >= query.FromTimeMs)
            .Where(deal => query.ToTimeMs == 0 || deal.TimeMs < query.ToTimeMs)
            .Where(deal => query.BeforeTicket == 0 || deal.Ticket < query.BeforeTicket)
            .Take(query.Limit),
    ];

    /// <summary>An order of the run by ticket or client order id, whatever its state.</summary>
    public static Order? Order(BacktestRun run, ulong ticket, string? clientOrderId) =>
        run.Orders().FirstOrDefault(order => ticket != 0 ? order.Ticket == ticket : order.ClientOrderId == clientOrderId);
}
