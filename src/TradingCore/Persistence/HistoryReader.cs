using Microsoft.EntityFrameworkCore;
using TradingCore.Engine.Domain;

namespace TradingCore.Persistence;

/// <summary>
/// Reads committed history (orders, deals, stored trade events) with short-lived contexts on pooled read
/// connections; never touches the journal. Each read first waits for the projection to reach what was acknowledged
/// before it (read-your-writes). Pages run newest first by ticket.
/// </summary>
internal sealed class HistoryReader(IDbContextFactory<TradingDbContext> contexts, Journal.ProjectionBarrier barrier)
{
    private static readonly int[] TerminalStates =
        [(int)OrderState.Filled, (int)OrderState.Canceled, (int)OrderState.Rejected, (int)OrderState.Expired];

    /// <summary>Orders of an account, newest first; the query's BeforeTicket continues a previous page.</summary>
    public async Task<IReadOnlyList<Order>> OrdersAsync(OrderQuery query, CancellationToken cancellationToken)
    {
        await barrier.WaitAsync(cancellationToken).ConfigureAwait(false);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = context.Orders.AsNoTracking().Where(order => order.AccountId == query.AccountId);
        if (query.HistoryOnly)
        {
            rows = rows.Where(order => TerminalStates.Contains(order.State));
        }

        if (!string.IsNullOrEmpty(query.Symbol))
        {
            rows = rows.Where(order => order.Symbol == query.Symbol);
        }

        if (query.FromTimeMs > 0)
        {
            rows = rows.Where(order => order.TimeSetupMs >= query.FromTimeMs);
        }

        if (query.ToTimeMs > 0)
        {
            rows = rows.Where(order => order.TimeSetupMs < query.ToTimeMs);
        }

        if (query.BeforeTicket > 0)
        {
            rows = rows.Where(order => order.Ticket < (long)query.BeforeTicket);
        }

        var page = await rows.OrderByDescending(order => order.Ticket).Take(query.Limit).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. page.Select(EntityMapper.ToRecord)];
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

        if (query.FromTimeMs > 0)
        {
            rows = rows.Where(deal => deal.TimeMs >= query.FromTimeMs);
        }

        if (query.ToTimeMs > 0)
        {
            rows = rows.Where(deal => deal.TimeMs < query.ToTimeMs);
        }

        if (query.BeforeTicket > 0)
        {
            rows = rows.Where(deal => deal.Ticket < (long)query.BeforeTicket);
        }

        var page = await rows.OrderByDescending(deal => deal.Ticket).Take(query.Limit).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. page.Select(EntityMapper.ToRecord)];
    }

    /// <summary>Stored events of an account after a sequence, oldest first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<(ulong Sequence, byte[] Payload)>> EventsAfterAsync(long accountId, ulong afterSequence, int limit, CancellationToken cancellationToken)
    {
        await barrier.WaitAsync(cancellationToken).ConfigureAwait(false);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await context.TradeEvents.AsNoTracking()
            .Where(row => row.AccountId == accountId && row.Sequence > (long)afterSequence)
            .OrderBy(row => row.Sequence)
            .Take(limit)
            .Select(row => new { row.Sequence, row.Payload })
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return [.. rows.Select(row => ((ulong)row.Sequence, row.Payload))];
    }
}
