using Microsoft.EntityFrameworkCore;
using TradingCore.Engine.Domain;
using TradingCore.Persistence.Entities;

namespace TradingCore.Persistence;

/// <summary>
/// Reads committed history (orders, deals, stored trade events) with short-lived contexts on pooled read
/// connections; never touches the journal. Each read first waits for the projection to reach what was acknowledged
/// before it (read-your-writes). Pages run newest first by ticket.
/// </summary>
internal sealed class HistoryReader(IDbContextFactory<TradingDbContext> contexts, Journal.ProjectionBarrier barrier)
{
    /// <summary>Orders of an account, newest first; the query's BeforeTicket continues a previous page.</summary>
    public async Task<IReadOnlyList<Order>> OrdersAsync(OrderQuery query, CancellationToken cancellationToken)
    {
        await barrier.WaitAsync(cancellationToken).ConfigureAwait(false);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var page = OrdersPage(context, query);
        var rows = page is null ? [] : await page.ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(EntityMapper.ToRecord)];
    }

    /// <summary>
    /// The query of one ListOrders page (null when the time range holds no order). Every filter is answered from an
    /// index in ticket order: a time range becomes the ticket range it covers (the engine's clock never runs
    /// backwards, so setup times follow tickets), found with two seeks on (AccountId, TimeSetupMs).
    /// </summary>
    public static IQueryable<OrderEntity>? OrdersPage(TradingDbContext context, OrderQuery query)
    {
        var rows = context.Orders.AsNoTracking().Where(order => order.AccountId == query.AccountId);
        if (query.HistoryOnly)
        {
            rows = rows.Where(order => order.State == (int)OrderState.Filled || order.State == (int)OrderState.Canceled
                || order.State == (int)OrderState.Rejected || order.State == (int)OrderState.Expired);
        }

        if (!string.IsNullOrEmpty(query.Symbol))
        {
            rows = rows.Where(order => order.Symbol == query.Symbol);
        }

        var accountOrders = context.Orders.AsNoTracking().Where(order => order.AccountId == query.AccountId);
        if (query.FromTimeMs > 0)
        {
            var first = accountOrders.Where(order => order.TimeSetupMs >= query.FromTimeMs)
                .OrderBy(order => order.TimeSetupMs).ThenBy(order => order.Ticket).Select(order => (long?)order.Ticket).FirstOrDefault();
            if (first is not { } low)
            {
                return null;
            }

            rows = rows.Where(order => order.Ticket >= low);
        }

        if (query.ToTimeMs > 0)
        {
            var last = accountOrders.Where(order => order.TimeSetupMs < query.ToTimeMs)
                .OrderByDescending(order => order.TimeSetupMs).ThenByDescending(order => order.Ticket).Select(order => (long?)order.Ticket).FirstOrDefault();
            if (last is not { } high)
            {
                return null;
            }

            rows = rows.Where(order => order.Ticket <= high);
        }

        if (query.BeforeTicket > 0)
        {
            rows = rows.Where(order => order.Ticket < (long)query.BeforeTicket);
        }

        return rows.OrderByDescending(order => order.Ticket).Take(query.Limit);
    }

    /// <summary>
    /// The stored order with a client order id, without waiting for the projection: for ids the engine forgot, which
    /// storage held before they were forgotten (OrderCommands).
    /// </summary>
    public async Task<Order?> StoredOrderAsync(long accountId, string clientOrderId, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var row = await context.Orders.AsNoTracking()
            .FirstOrDefaultAsync(order => order.AccountId == accountId && order.ClientOrderId == clientOrderId, cancellationToken)
            .ConfigureAwait(false);
        return row is null ? null : EntityMapper.ToRecord(row);
    }

    public async Task<Order?> OrderAsync(long accountId, ulong ticket, string? clientOrderId, CancellationToken cancellationToken)
    {
        await barrier.WaitAsync(cancellationToken).ConfigureAwait(false);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = context.Orders.AsNoTracking().Where(order => order.AccountId == accountId);
        rows = ticket != 0
            ? rows.Where(order => order.Ticket == (long)ticket)
            : rows.Where(order => order.ClientOrderId == clientOrderId);
        var row = await rows.FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return row is null ? null : EntityMapper.ToRecord(row);
    }

    public async Task<IReadOnlyList<Deal>> DealsAsync(DealQuery query, CancellationToken cancellationToken)
    {
        await barrier.WaitAsync(cancellationToken).ConfigureAwait(false);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var page = DealsPage(context, query);
        var rows = page is null ? [] : await page.ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(EntityMapper.ToRecord)];
    }

    /// <summary>The query of one ListDeals page (null when the time range holds no deal); a time range becomes a ticket range as in <see cref="OrdersPage"/>.</summary>
    public static IQueryable<DealEntity>? DealsPage(TradingDbContext context, DealQuery query)
    {
        var rows = context.Deals.AsNoTracking().Where(deal => deal.AccountId == query.AccountId);
        if (!string.IsNullOrEmpty(query.Symbol))
        {
            rows = rows.Where(deal => deal.Symbol == query.Symbol);
        }

        if (query.PositionId > 0)
        {
            rows = rows.Where(deal => deal.PositionId == (long)query.PositionId);
        }

        if (query.OrderTicket > 0)
        {
            rows = rows.Where(deal => deal.OrderTicket == (long)query.OrderTicket);
        }

        // Buys and sells are deal types 1 and 2 (DealType); the rest are balance operations.
        if (query.TradesOnly is { } trades)
        {
            rows = trades ? rows.Where(deal => deal.Type <= (int)Engine.Domain.DealType.Sell) : rows.Where(deal => deal.Type > (int)Engine.Domain.DealType.Sell);
        }

        var accountDeals = context.Deals.AsNoTracking().Where(deal => deal.AccountId == query.AccountId);
        if (query.FromTimeMs > 0)
        {
            var first = accountDeals.Where(deal => deal.TimeMs >= query.FromTimeMs)
                .OrderBy(deal => deal.TimeMs).ThenBy(deal => deal.Ticket).Select(deal => (long?)deal.Ticket).FirstOrDefault();
            if (first is not { } low)
            {
                return null;
            }

            rows = rows.Where(deal => deal.Ticket >= low);
        }

        if (query.ToTimeMs > 0)
        {
            var last = accountDeals.Where(deal => deal.TimeMs < query.ToTimeMs)
                .OrderByDescending(deal => deal.TimeMs).ThenByDescending(deal => deal.Ticket).Select(deal => (long?)deal.Ticket).FirstOrDefault();
            if (last is not { } high)
            {
                return null;
            }

            rows = rows.Where(deal => deal.Ticket <= high);
        }

        if (query.BeforeTicket > 0)
        {
            rows = rows.Where(deal => deal.Ticket < (long)query.BeforeTicket);
        }

        return rows.OrderByDescending(deal => deal.Ticket).Take(query.Limit);
    }

    /// <summary>
    /// Stored events of an account after a sequence, oldest first, at most <paramref name="limit"/>: from the event
    /// blocks the projector writes, and from the rows of table trade_events that versions before event blocks wrote
    /// (a store upgraded in place keeps its history; the two never hold the same sequence).
    /// </summary>
    public async Task<IReadOnlyList<(ulong Sequence, ReadOnlyMemory<byte> Payload)>> EventsAfterAsync(long accountId, ulong afterSequence, int limit, CancellationToken cancellationToken)
    {
        await barrier.WaitAsync(cancellationToken).ConfigureAwait(false);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await EventsPageAsync(context, accountId, afterSequence, limit, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One page of <see cref="EventsAfterAsync"/> read with <paramref name="context"/> (no wait for the projection).</summary>
    public static async Task<List<(ulong Sequence, ReadOnlyMemory<byte> Payload)>> EventsPageAsync(TradingDbContext context, long accountId, ulong afterSequence, int limit, CancellationToken cancellationToken)
    {
        var after = (long)afterSequence;
        var rows = await context.TradeEvents.AsNoTracking()
            .Where(row => row.AccountId == accountId && row.Sequence > after)
            .OrderBy(row => row.Sequence)
            .Take(limit)
            .Select(row => new { row.Sequence, row.Payload })
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        var events = rows.ConvertAll(row => ((ulong)row.Sequence, (ReadOnlyMemory<byte>)row.Payload));

        // Blocks in key order until the page is full (a block ending after the resume point may start before it).
        var fromBlocks = 0;
        var blocks = context.EventBlocks.AsNoTracking()
            .Where(block => block.AccountId == accountId && block.LastSequence > after)
            .OrderBy(block => block.LastSequence)
            .AsAsyncEnumerable();
        await foreach (var block in blocks.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            foreach (var stored in EventBlock.Decode(block))
            {
                if (stored.Sequence > after)
                {
                    events.Add(((ulong)stored.Sequence, stored.Payload));
                    fromBlocks++;
                }
            }

            if (fromBlocks >= limit)
            {
                break;
            }
        }

        if (rows.Count > 0)
        {
            events.Sort((x, y) => x.Item1.CompareTo(y.Item1));
        }

        return events.Count > limit ? events.GetRange(0, limit) : events;
    }
}
