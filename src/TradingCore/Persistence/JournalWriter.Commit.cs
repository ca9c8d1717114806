using Google.Protobuf;
using TradingCore.Engine.Events;
using TradingCore.Engine.Loop;
using TradingCore.Mapping;
using TradingCore.Persistence.Entities;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Persistence;

internal sealed partial class JournalWriter
{
    /// <summary>
    /// Writes one batch in one transaction: every event to trade_events, deals inserted, and the latest state of
    /// each touched order, position and account (several changes to one row within a batch collapse to the last),
    /// plus the engine counters. Returns the wire events to publish once committed.
    /// </summary>
    private List<Wire.TradeEvent> Commit(List<OutboxEntry> batch)
    {
        using var context = SqliteDatabase.CreateContext(_connection!);
        context.ChangeTracker.AutoDetectChangesEnabled = false;
        var published = new List<Wire.TradeEvent>();
        var orders = new Dictionary<ulong, (bool Insert, OrderEvent Last)>();
        var positions = new Dictionary<ulong, (bool Existed, PositionEvent Last)>();
        var accounts = new Dictionary<long, (bool Insert, AccountEvent Last)>();
        ulong lastSequence = 0;
        foreach (var entry in batch)
        {
            foreach (var engineEvent in entry.Events)
            {
                var wire = TradeEventMapper.ToProto(engineEvent);
                published.Add(wire);
                lastSequence = engineEvent.Sequence;
                context.TradeEvents.Add(new TradeEventEntity
                {
                    Sequence = (long)engineEvent.Sequence,
                    AccountId = engineEvent.AccountId,
                    TimeMs = engineEvent.TimeMs,
                    Kind = TradeEventMapper.KindOf(engineEvent),
                    Payload = wire.ToByteArray(),
                });
                Collect(context, engineEvent, orders, positions, accounts);
            }
        }

        foreach (var (insert, last) in accounts.Values)
        {
            var entity = EntityMapper.ToEntity(last.Snapshot.Account);
            if (insert)
            {
                context.Accounts.Add(entity);
            }
            else
            {
                context.Accounts.Update(entity);
            }
        }

        foreach (var (insert, last) in orders.Values)
        {
            var entity = EntityMapper.ToEntity(last.Order);
            if (insert)
            {
                context.Orders.Add(entity);
            }
            else
            {
                context.Orders.Update(entity);
            }
        }

        foreach (var (existed, last) in positions.Values)
        {
            var entity = EntityMapper.ToEntity(last.Position);
            if (last.Closed && existed)
            {
                context.Positions.Remove(entity);
            }
            else if (!last.Closed)
            {
                if (existed)
                {
                    context.Positions.Update(entity);
                }
                else
                {
                    context.Positions.Add(entity);
                }
            }
        }

        if (lastSequence > 0)
        {
            var counters = LastCounters(batch, lastSequence);
            context.EngineState.Update(counters);
        }

        context.SaveChanges();
        return published;
    }

    private static void Collect(
        TradingDbContext context,
        EngineEvent engineEvent,
        Dictionary<ulong, (bool Insert, OrderEvent Last)> orders,
        Dictionary<ulong, (bool Existed, PositionEvent Last)> positions,
        Dictionary<long, (bool Insert, AccountEvent Last)> accounts)
    {
        switch (engineEvent)
        {
            case OrderEvent order:
                orders[order.Order.Ticket] = (orders.TryGetValue(order.Order.Ticket, out var seenOrder) ? seenOrder.Insert : order.IsNew, order);
                break;
            case DealEvent deal:
                context.Deals.Add(EntityMapper.ToEntity(deal.Deal));
                break;
            case PositionEvent position:
                var key = position.Position.Identifier;
                positions[key] = (positions.TryGetValue(key, out var seenPosition) ? seenPosition.Existed : !position.IsNew, position);
                break;
            case AccountEvent account:
                accounts[account.AccountId] = (accounts.TryGetValue(account.AccountId, out var seenAccount) ? seenAccount.Insert : account.IsNew, account);
                break;
        }
    }

    /// <summary>The counters after this batch: highest order and deal tickets seen in it, and its last sequence.</summary>
    private EngineStateEntity LastCounters(List<OutboxEntry> batch, ulong lastSequence)
    {
        foreach (var entry in batch)
        {
            foreach (var engineEvent in entry.Events)
            {
                switch (engineEvent)
                {
                    case OrderEvent order when (long)order.Order.Ticket > _lastOrderTicket:
                        _lastOrderTicket = (long)order.Order.Ticket;
                        break;
                    case DealEvent deal when (long)deal.Deal.Ticket > _lastDealTicket:
                        _lastDealTicket = (long)deal.Deal.Ticket;
                        break;
                }
            }
        }

        return new EngineStateEntity
        {
            LastOrderTicket = _lastOrderTicket,
            LastDealTicket = _lastDealTicket,
            LastSequence = (long)lastSequence,
        };
    }
}
