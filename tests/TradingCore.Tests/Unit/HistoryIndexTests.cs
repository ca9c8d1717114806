using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using TradingCore.Configuration;
using TradingCore.Hosting;
using TradingCore.Persistence;

namespace TradingCore.Tests;

/// <summary>
/// Every filter the history API offers is answered from an index: SQLite's own query plan for every statement
/// ListOrders and ListDeals send (a time range's two boundary seeks included) must search an index, never scan the
/// table, and read the page already in ticket order, newest first, never sorting the matches.
/// </summary>
public sealed class HistoryIndexTests
{
    public static TheoryData<string> Filters => ["symbol", "from", "to", "range", "position", "order", "before", "history", "none"];

    [Theory]
    [MemberData(nameof(Filters))]
    public void HistoryPages_AreAnsweredFromAnIndexWithoutSorting(string filter)
    {
        using var data = new TempDirectory();
        var database = new SqliteDatabase(new TradingCoreOptions { DataDirectory = data.Path });
        database.Initialize();
        Seed(database);
        var statements = new StatementRecorder();
        using var context = new TradingDbContext(new DbContextOptionsBuilder<TradingDbContext>().UseSqlite(database.ConnectionString).AddInterceptors(statements).Options);

        var (from, to) = filter switch
        {
            "from" => (1_700_000_000_000L, 0L),
            "to" => (0L, 1_700_000_000_500L),
            "range" => (1_700_000_000_000L, 1_700_000_000_500L),
            _ => (0L, 0L),
        };
        var deals = new DealQuery(
            1001,
            filter == "symbol" ? "EURUSD" : null,
            filter == "position" ? 7UL : 0,
            filter == "order" ? 7UL : 0,
            from,
            to,
            filter == "before" ? 7UL : 0,
            100);
        Assert.NotEmpty(HistoryReader.DealsPage(context, deals)!.ToList());

        var orders = new OrderQuery(1001, filter == "history", filter == "symbol" ? "EURUSD" : null, from, to, filter == "before" ? 7UL : 0, 100);
        if (filter is not ("position" or "order"))
        {
            Assert.NotEmpty(HistoryReader.OrdersPage(context, orders)!.ToList());
        }

        Assert.NotEmpty(statements.Recorded);
        foreach (var (sql, parameters) in statements.Recorded)
        {
            AssertIndexed(database, filter, sql, parameters);
        }
    }

    [Fact]
    public void ATimeRange_SelectsExactlyTheRowsStampedInIt()
    {
        using var data = new TempDirectory();
        var database = new SqliteDatabase(new TradingCoreOptions { DataDirectory = data.Path });
        database.Initialize();
        Seed(database);
        using var context = SqliteDatabase.CreateContext(database.ConnectionString);

        // Rows 1..9 are stamped 100 ms apart from 1_700_000_000_000.
        var page = HistoryReader.OrdersPage(context, new OrderQuery(1001, false, null, 1_700_000_000_200, 1_700_000_000_500, 0, 100))!.ToList();
        Assert.Equal([5L, 4L, 3L], page.Select(order => order.Ticket));
        var deals = HistoryReader.DealsPage(context, new DealQuery(1001, null, 0, 0, 1_700_000_000_200, 1_700_000_000_500, 0, 100))!.ToList();
        Assert.Equal([5L, 4L, 3L], deals.Select(deal => deal.Ticket));
        Assert.Null(HistoryReader.OrdersPage(context, new OrderQuery(1001, false, null, 1_800_000_000_000, 0, 0, 100)));
        Assert.Null(HistoryReader.DealsPage(context, new DealQuery(1001, null, 0, 0, 0, 1_600_000_000_000, 0, 100)));
    }

    /// <summary>Nine filled orders and their deals on account 1001, tickets 1..9, 100 ms apart.</summary>
    private static void Seed(SqliteDatabase database)
    {
        using var connection = new SqliteConnection(database.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO accounts (AccountId, Name, Currency, CurrencyDigits, Leverage, MarginMode, TradingState, Balance, Credit, MarginCallLevel, StopOutLevel, TimeCreatedMs)
            VALUES (1001, 'a', 'USD', 2, 100, 0, 0, '0', '0', '100', '50', 0);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 9)
            INSERT INTO orders (Ticket, AccountId, ClientOrderId, Symbol, Type, State, VolumeInitial, VolumeCurrent, Filling, TimeType, ExpirationTimeMs,
                TimeSetupMs, TimeDoneMs, Magic, Comment, PositionId, PositionById, PositionTicketRequested, Reason, Retcode, RetcodeMessage, DealTicket, RequestFingerprint)
            SELECT i, 1001, 'c' || i, 'EURUSD', 0, 5, '0.1', '0', 0, 0, 0, 1700000000000 + (i - 1) * 100, 1700000000000 + (i - 1) * 100, 0, '', 7, 0, 0, 0, 10009, 'done', i, 'f' FROM n;
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 9)
            INSERT INTO deals (Ticket, OrderTicket, AccountId, Symbol, Type, Entry, Volume, Price, Profit, Commission, Swap, Fee, PositionId, TimeMs, Magic, Comment, Reason, ClientOrderId)
            SELECT i, 7, 1001, 'EURUSD', 0, 0, '0.1', '1.1', '0', '0', '0', '0', 7, 1700000000000 + (i - 1) * 100, 0, '', 0, 'c' || i FROM n;
            """;
        command.ExecuteNonQuery();
    }

    private static void AssertIndexed(SqliteDatabase database, string filter, string sql, IReadOnlyList<(string Name, object? Value)> parameters)
    {
        using var connection = new SqliteConnection(database.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        using var reader = command.ExecuteReader();
        var plan = new List<string>();
        while (reader.Read())
        {
            plan.Add(reader.GetString(3));
        }

        var text = string.Join(" | ", plan);
        Assert.True(text.Contains("USING", StringComparison.Ordinal), $"{filter}: no index in the plan of {sql}: {text}");
        Assert.False(text.Contains("TEMP B-TREE", StringComparison.Ordinal), $"{filter}: the plan sorts: {text}");
        var searched = filter switch
        {
            "symbol" => "Symbol=?",
            "position" => "PositionId=?",
            "order" => "OrderTicket=?",
            _ => "AccountId=?",
        };
        if (!sql.Contains("\"Time", StringComparison.Ordinal) || filter is not ("from" or "to" or "range"))
        {
            Assert.True(text.Contains(searched, StringComparison.Ordinal) || (filter is "position" or "order" && sql.Contains("\"orders\"", StringComparison.Ordinal)), $"{filter}: the plan should search by {searched}: {text}");
        }

        Assert.DoesNotContain("SCAN", text.Replace("USING INDEX", "", StringComparison.Ordinal).Replace("USING COVERING INDEX", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    /// <summary>Records every statement EF Core sends, with its parameters.</summary>
    private sealed class StatementRecorder : DbCommandInterceptor
    {
        public List<(string Sql, IReadOnlyList<(string Name, object? Value)> Parameters)> Recorded { get; } = [];

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Recorded.Add((command.CommandText, [.. command.Parameters.Cast<DbParameter>().Select(parameter => (parameter.ParameterName, (object?)parameter.Value))]));
            return result;
        }
    }
}
