using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using TradingCore.Hosting;
using TradingCore.Persistence;

namespace TradingCore.Tests;

/// <summary>
/// Every filter the history API offers is answered from an index: SQLite's own query plan for the queries
/// ListOrders and ListDeals send must search an index, never scan the table, and (except for time ranges, whose
/// matches are sorted into ticket order) read the matches already in ticket order, newest first.
/// </summary>
public sealed class HistoryIndexTests
{
    public static TheoryData<string> Filters => ["symbol", "from", "to", "position", "order", "before", "none"];

    [Theory]
    [MemberData(nameof(Filters))]
    public void HistoryPages_AreAnsweredFromAnIndexWithoutSorting(string filter)
    {
        using var data = new TempDirectory();
        var database = new SqliteDatabase(new TradingCoreOptions { DataDirectory = data.Path });
        database.Initialize();
        using var context = SqliteDatabase.CreateContext(database.ConnectionString);

        var deals = context.Deals.AsNoTracking().Where(deal => deal.AccountId == 1001);
        deals = filter switch
        {
            "symbol" => deals.Where(deal => deal.Symbol == "EURUSD"),
            "from" => deals.Where(deal => deal.TimeMs >= 1_700_000_000_000),
            "to" => deals.Where(deal => deal.TimeMs < 1_700_000_000_000),
            "position" => deals.Where(deal => deal.PositionId == 7),
            "order" => deals.Where(deal => deal.OrderTicket == 7),
            "before" => deals.Where(deal => deal.Ticket < 7),
            _ => deals,
        };
        AssertIndexed(database, filter, deals.OrderByDescending(deal => deal.Ticket).Take(100).ToQueryString(), sorts: filter is "from" or "to");

        if (filter is "position" or "order")
        {
            return; // ListOrders has no such filters
        }

        var orders = context.Orders.AsNoTracking().Where(order => order.AccountId == 1001);
        orders = filter switch
        {
            "symbol" => orders.Where(order => order.Symbol == "EURUSD"),
            "from" => orders.Where(order => order.TimeSetupMs >= 1_700_000_000_000),
            "to" => orders.Where(order => order.TimeSetupMs < 1_700_000_000_000),
            "before" => orders.Where(order => order.Ticket < 7),
            _ => orders,
        };
        AssertIndexed(database, filter, orders.OrderByDescending(order => order.Ticket).Take(100).ToQueryString(), sorts: filter is "from" or "to");
    }

    private static void AssertIndexed(SqliteDatabase database, string filter, string sql, bool sorts)
    {
        using var connection = new SqliteConnection(database.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        // ToQueryString declares the parameters first; keep the statement and bind every @name to a literal.
        var statement = string.Join('\n', sql.Split('\n').Where(line => !line.StartsWith(".param", StringComparison.Ordinal)));
        command.CommandText = "EXPLAIN QUERY PLAN " + statement;
        foreach (var name in System.Text.RegularExpressions.Regex.Matches(statement, "@[A-Za-z0-9_]+").Select(match => match.Value).Distinct())
        {
            command.Parameters.AddWithValue(name, 1);
        }

        using var reader = command.ExecuteReader();
        var plan = new List<string>();
        while (reader.Read())
        {
            plan.Add(reader.GetString(3));
        }

        var text = string.Join(" | ", plan);
        Assert.Contains("USING", text, StringComparison.Ordinal);
        Assert.Equal(sorts, text.Contains("TEMP B-TREE", StringComparison.Ordinal));
        var searched = filter switch
        {
            "symbol" => "Symbol=?",
            "position" => "PositionId=?",
            "order" => "OrderTicket=?",
            "from" or "to" => "Time",
            _ => "AccountId=?",
        };
        Assert.True(text.Contains(searched, StringComparison.Ordinal), $"the plan should search by {searched}: {text}");
        Assert.DoesNotContain("SCAN", text.Replace("USING INDEX", "", StringComparison.Ordinal).Replace("USING COVERING INDEX", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
