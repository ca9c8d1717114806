using TradingCore.Engine.Core;
using TradingCore.Engine.Domain;
using TradingCore.Engine.Events;

namespace TradingCore.Engine.Tests;

/// <summary>Folds an event history into the snapshot storage would hold after committing it (what recovery loads).</summary>
internal static class Snapshots
{
    public static EngineSnapshot FromEvents(IEnumerable<EngineEvent> events)
    {
        var accounts = new Dictionary<long, Account>();
        var orders = new Dictionary<ulong, Order>();
        var positions = new Dictionary<ulong, Position>();
        ulong lastOrder = 0, lastDeal = 0, lastSequence = 0;
        foreach (var engineEvent in events)
        {
            lastSequence = engineEvent.Sequence;
            switch (engineEvent)
            {
                case AccountEvent account:
                    accounts[account.AccountId] = account.Snapshot.Account;
                    break;
                case OrderEvent order:
                    orders[order.Order.Ticket] = order.Order;
                    lastOrder = Math.Max(lastOrder, order.Order.Ticket);
                    break;
                case DealEvent deal:
                    lastDeal = Math.Max(lastDeal, deal.Deal.Ticket);
                    break;
                case PositionEvent position when position.Closed:
                    positions.Remove(position.Position.Identifier);
                    break;
                case PositionEvent position:
                    positions[position.Position.Identifier] = position.Position;
                    break;
            }
        }

        return new EngineSnapshot
        {
            Accounts = [.. accounts.Values],
            Orders = [.. orders.Values.OrderBy(order => order.Ticket)],
            Positions = [.. positions.Values.OrderBy(position => position.Ticket)],
            LastOrderTicket = lastOrder,
            LastDealTicket = lastDeal,
            LastSequence = lastSequence,
        };
    }
}
