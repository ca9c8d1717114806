using Microsoft.EntityFrameworkCore;
using TradingCore.Engine.Domain;
using TradingCore.Engine.Loop;
using TradingCore.Persistence;

namespace TradingCore.Routing;

/// <summary>
/// The ledger invariants of an account, checked against its stored deals (run after every reconciliation with MT5,
/// docs/mt5-routing.md): the balance equals the sum of every deal's money (deposits and withdrawals, realized profit,
/// commissions, fees, swaps), and every position's volume equals the sum of its deals (buys less sells; a position
/// no longer open sums to zero). The engine's figures are taken first, then the deals up to its last deal ticket once
/// the projection holds them, so a deal booked meanwhile cannot make a false difference.
/// </summary>
internal sealed class LedgerCheck(IDbContextFactory<TradingDbContext> contexts, Persistence.Journal.ProjectionBarrier barrier)
{
    /// <summary>What differs, in words (empty: the invariants hold); empty too when the account does not exist.</summary>
    public async Task<IReadOnlyList<string>> ProblemsAsync(ITradingEngine engine, long accountId, CancellationToken cancellationToken)
    {
        var state = await engine.ExecuteAsync(
            (core, nowMs) => core.GetAccount(accountId, nowMs) is { } account
                ? (account.Account.Balance, core.LastDealTicket, core.ListPositions(accountId, null)!.ToDictionary(view => view.Position.Identifier, view => view.Position.IsBuy ? view.Position.Volume : -view.Position.Volume))
                : ((decimal Balance, ulong LastDeal, Dictionary<ulong, decimal> Positions)?)null,
            cancellationToken).ConfigureAwait(false);
        if (state is not var (balance, lastDeal, positions))
        {
            return [];
        }

        await barrier.WaitAsync(cancellationToken).ConfigureAwait(false);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var deals = await context.Deals.AsNoTracking()
            .Where(deal => deal.AccountId == accountId && deal.Ticket <= (long)lastDeal)
            .Select(deal => new { deal.PositionId, deal.Type, deal.Volume, Money = deal.Profit + deal.Commission + deal.Swap + deal.Fee })
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        var problems = new List<string>();
        var booked = deals.Sum(deal => deal.Money);
        if (booked != balance)
        {
            problems.Add($"account {accountId}: balance {DecimalMath.Format(balance)} but its deals book {DecimalMath.Format(booked)}");
        }

        var trades = deals.Where(deal => deal.PositionId != 0 && deal.Type is (int)DealType.Buy or (int)DealType.Sell)
            .GroupBy(deal => (ulong)deal.PositionId)
            .ToDictionary(group => group.Key, group => group.Sum(deal => deal.Type == (int)DealType.Buy ? deal.Volume : -deal.Volume));
        foreach (var (identifier, net) in trades)
        {
            var held = positions.GetValueOrDefault(identifier);
            if (net != held)
            {
                problems.Add($"account {accountId}: position {identifier} holds {DecimalMath.Format(held)} lots but its deals sum to {DecimalMath.Format(net)}");
            }
        }

        foreach (var (identifier, held) in positions.Where(position => !trades.ContainsKey(position.Key)))
        {
            problems.Add($"account {accountId}: position {identifier} holds {DecimalMath.Format(held)} lots and has no deal");
        }

        return problems;
    }
}
