using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using TradingCore.Engine.Core;
using TradingCore.Persistence.Entities;

namespace TradingCore.Persistence;

/// <summary>
/// Reads what the engine needs to resume exactly where the last committed batch left it: every account and open
/// position, every working order, and the newest decided orders up to the idempotency window. Older orders stay in
/// storage (their client order ids are answered from there), so a restart reads the same few rows whatever the
/// history holds.
/// </summary>
internal static class StateLoader
{
    /// <summary>The working order states (Started, Placed, Partial, RequestAdd/Modify/Cancel, Unknown), as the partial index IX_orders_working names them.</summary>
    public const string WorkingStatesSql = "\"State\" IN (1, 2, 4, 8, 9, 10, 11)";

    /// <param name="context">A context on trading.db after the journal's tail was projected.</param>
    /// <param name="window">Decided orders to load (the newest).</param>
    /// <param name="unloadedBelow">Every order below this ticket that is not working was left in storage.</param>
    public static EngineSnapshot Load(TradingDbContext context, int window, out long unloadedBelow)
    {
        var state = context.EngineState.AsNoTracking().Single(row => row.Id == EngineStateEntity.SingletonId);
        var accounts = context.Accounts.AsNoTracking().OrderBy(account => account.AccountId).AsEnumerable().Select(EntityMapper.ToRecord).ToList();
        var working = context.Orders.FromSqlRaw($"SELECT * FROM \"orders\" WHERE {WorkingStatesSql}").AsNoTracking().ToList();
        var newest = context.Orders.AsNoTracking().OrderByDescending(order => order.Ticket).Take(window).ToList();
        var orders = working.Concat(newest).DistinctBy(order => order.Ticket).OrderBy(order => order.Ticket).Select(EntityMapper.ToRecord).ToList();

        var stored = context.Orders.LongCount();
        var unloaded = stored - orders.Count;
        var firstNewest = newest.Count > 0 ? newest[^1].Ticket : long.MaxValue;
        unloadedBelow = firstNewest;
        return new EngineSnapshot
        {
            Accounts = accounts,
            Orders = orders,
            Positions = [.. context.Positions.AsNoTracking().OrderBy(position => position.Ticket).AsEnumerable().Select(EntityMapper.ToRecord)],
            AccountsWithUnloadedOrders = unloaded > 0 ? AccountsWithOrdersBefore(context, accounts.Select(account => account.AccountId), firstNewest) : [],
            UnloadedOrders = unloaded,
            LastOrderTicket = (ulong)state.LastOrderTicket,
            LastDealTicket = (ulong)state.LastDealTicket,
            LastSequence = (ulong)state.LastSequence,
            LastTimeMs = LastTime(context),
            Mt5Deals = [.. context.Deals.AsNoTracking().Where(deal => deal.Mt5DealTicket != 0).Select(deal => new { deal.AccountId, deal.Mt5DealTicket, deal.TimeMs })
                .AsEnumerable().Select(deal => (deal.AccountId, (ulong)deal.Mt5DealTicket, deal.TimeMs))],
        };
    }

    /// <summary>The latest time on the newest order and deal (by ticket: two primary-key reads).</summary>
    private static long LastTime(TradingDbContext context)
    {
        var order = context.Orders.AsNoTracking().OrderByDescending(row => row.Ticket).Select(row => new { row.TimeSetupMs, row.TimeDoneMs }).FirstOrDefault();
        var deal = context.Deals.AsNoTracking().OrderByDescending(row => row.Ticket).Select(row => row.TimeMs).FirstOrDefault();
        return Math.Max(Math.Max(order?.TimeSetupMs ?? 0, order?.TimeDoneMs ?? 0), deal);
    }

    /// <summary>The client order ids of the orders older than the window (to fill the engine's filter of forgotten ids).</summary>
    public static IEnumerable<(long AccountId, string ClientOrderId)> UnloadedClientIds(DbConnection connection, long beforeTicket)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"AccountId\", \"ClientOrderId\" FROM \"orders\" WHERE \"Ticket\" < @before";
        AddParameter(command, "@before", beforeTicket);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return (reader.GetInt64(0), reader.GetString(1));
        }
    }

    /// <summary>One indexed probe per account (IX_orders_AccountId_Ticket): which accounts have orders older than the window.</summary>
    private static List<long> AccountsWithOrdersBefore(TradingDbContext context, IEnumerable<long> accountIds, long beforeTicket)
    {
        var connection = context.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            connection.Open();
        }

        using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM \"orders\" WHERE \"AccountId\" = @account AND \"Ticket\" < @before LIMIT 1";
        var account = AddParameter(command, "@account", 0L);
        AddParameter(command, "@before", beforeTicket);
        command.Prepare();
        var found = new List<long>();
        foreach (var accountId in accountIds)
        {
            account.Value = accountId;
            if (command.ExecuteScalar() is not null)
            {
                found.Add(accountId);
            }
        }

        return found;
    }

    private static DbParameter AddParameter(DbCommand command, string name, long value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
