using Microsoft.EntityFrameworkCore;
using TradingCore.Engine.Core;
using TradingCore.Persistence.Entities;

namespace TradingCore.Persistence;

/// <summary>Reads what the engine needs to resume exactly where the last committed batch left it.</summary>
internal static class StateLoader
{
    public static EngineSnapshot Load(TradingDbContext context)
    {
        var state = context.EngineState.AsNoTracking().Single(row => row.Id == EngineStateEntity.SingletonId);
        return new EngineSnapshot
        {
            Accounts = [.. context.Accounts.AsNoTracking().OrderBy(account => account.AccountId).AsEnumerable().Select(EntityMapper.ToRecord)],
            Orders = [.. context.Orders.AsNoTracking().OrderBy(order => order.Ticket).AsEnumerable().Select(EntityMapper.ToRecord)],
            Positions = [.. context.Positions.AsNoTracking().OrderBy(position => position.Ticket).AsEnumerable().Select(EntityMapper.ToRecord)],
            LastOrderTicket = (ulong)state.LastOrderTicket,
            LastDealTicket = (ulong)state.LastDealTicket,
            LastSequence = (ulong)state.LastSequence,
        };
    }
}
