using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using TradingCore.Contracts.V1;
using TradingCore.Hosting;
using TradingCore.Persistence;

namespace TradingCore.Tests;

/// <summary>
/// WAL checkpoints run on a background connection instead of inside the journal's commits; the writer keeps a
/// far larger automatic checkpoint only as a bound.
/// </summary>
public sealed class WalCheckpointerTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void WriterLeavesTheWalToTheCheckpointer_WhichCatchesUp_AndTheWalRestarts()
    {
        using var data = new TempDirectory();
        var database = new SqliteDatabase(new TradingCoreOptions { DataDirectory = data.Path });
        database.Initialize();
        using var writer = database.OpenWriterConnection();
        Execute(writer, $"PRAGMA wal_autocheckpoint={WalCheckpointer.WriterFallbackPages};");
        Execute(writer, "CREATE TABLE filler (id INTEGER PRIMARY KEY, payload BLOB NOT NULL)");

        // About 1,500 pages in 30 commits: past SQLite's default threshold (1,000), which would have made the
        // writer checkpoint inside one of these commits.
        for (var commit = 0; commit < 30; commit++)
        {
            using var transaction = writer.BeginTransaction();
            for (var row = 0; row < 50; row++)
            {
                using var insert = writer.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = "INSERT INTO filler (payload) VALUES (zeroblob(4000))";
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        using var checkpointer = new WalCheckpointer(database, TimeSpan.FromHours(1), TimeProvider.System, NullLogger.Instance);
        checkpointer.Start();
        var (walPages, checkpointed) = checkpointer.CheckpointOnce();
        Assert.True(walPages > 1_000, $"the writer checkpointed by itself: only {walPages} pages in the WAL");
        Assert.Equal(walPages, checkpointed);
        Assert.Equal(1, checkpointer.Completed);

        // Everything is in the database file now, so the writer's next transaction starts the WAL over.
        Execute(writer, "INSERT INTO filler (payload) VALUES (zeroblob(10))");
        var (afterRestart, _) = checkpointer.CheckpointOnce();
        Assert.True(afterRestart < 10, $"the WAL did not restart: {afterRestart} pages");
        Assert.Equal("1501", Scalar(writer, "SELECT count(*) FROM filler"));
    }

    [Fact]
    public async Task TheCoreCheckpointsInTheBackground_AndOrdersSurviveARestart()
    {
        using var data = new TempDirectory();
        var fast = new Dictionary<string, string> { ["TradingCore:Persistence:CheckpointIntervalMs"] = "50" };
        await using (var server = new CoreServer(data.Path, settings: fast))
        {
            await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
            for (var index = 0; index < 20; index++)
            {
                var reply = await server.Orders.SubmitOrderAsync(new SubmitOrderRequest { AccountId = CoreServer.DemoAccount, ClientOrderId = $"wal-{index}", Symbol = "EURUSD", Type = index % 2 == 0 ? OrderType.Buy : OrderType.Sell, Volume = Contracts.V1.Decimal.FromDecimal(0.1m) }, cancellationToken: Token);
                Assert.Equal(TradeRetcode.Done, reply.Result.Retcode);
            }

            // The journal's commits leave the WAL to the background checkpointer, which copies all of it.
            var journal = server.Services.GetRequiredService<JournalWriter>();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            while (journal.CompletedCheckpoints == 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, Token);
            }

            var caughtUp = journal.CompletedCheckpoints > 0;
            Assert.True(caughtUp, "the background checkpoint never caught up with the journal");
        }

        await using var restarted = new CoreServer(data.Path);
        var orders = await restarted.Orders.ListOrdersAsync(new ListOrdersRequest { AccountId = CoreServer.DemoAccount, Scope = OrderScope.History, PageSize = 100 }, cancellationToken: Token);
        Assert.Equal(20, orders.Orders.Count(order => order.ClientOrderId.StartsWith("wal-", StringComparison.Ordinal)));
    }

    private static string Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
