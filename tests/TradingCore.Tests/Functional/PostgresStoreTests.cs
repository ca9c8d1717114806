using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using TradingCore.Contracts.V1;
using TradingCore.Persistence;
using TradingCore.Persistence.Journal;
using static TradingCore.Testing.Wire;

namespace TradingCore.Tests;

/// <summary>
/// The PostgreSQL store against a real server (a throwaway cluster, <see cref="PostgresCluster"/>): orders are
/// journaled and projected there, survive a restart with their idempotency, outlive dropped connections, and the
/// journal appender never writes a record twice. Skips with the install line where the server binaries are absent.
/// </summary>
public sealed class PostgresStoreTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OrdersAreJournaledAndProjectedInPostgres_AndSurviveARestartWithTheirIdempotency()
    {
        Assert.SkipWhen(PostgresCluster.Missing is not null, PostgresCluster.Missing ?? "");
        using var data = new TempDirectory();
        var settings = Settings(PostgresCluster.Shared.NewDatabase());
        SubmitOrderResponse first;
        await using (var server = new CoreServer(data.Path, settings: settings))
        {
            await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
            first = await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 1m, "pg-1"), cancellationToken: Token);
            await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 2m, "pg-2"), cancellationToken: Token);
            var history = await server.Orders.ListOrdersAsync(new ListOrdersRequest { AccountId = CoreServer.DemoAccount, Scope = OrderScope.History }, cancellationToken: Token);
            Assert.Equal(["pg-2", "pg-1"], history.Orders.Select(order => order.ClientOrderId));

            // A file backup is SQLite's; this store is backed up with PostgreSQL's tools, and the call says so.
            var admin = new Admin.AdminClient(await server.InvokerForAsync(server.AdminKey));
            var backup = await Assert.ThrowsAsync<RpcException>(() => admin.BackupDatabaseAsync(new BackupDatabaseRequest(), cancellationToken: Token).ResponseAsync);
            Assert.Equal(StatusCode.FailedPrecondition, backup.StatusCode);
            Assert.Contains("pg_dump", backup.Status.Detail, StringComparison.Ordinal);
        }

        // Nothing of it is in SQLite: the data directory holds no trading.db and no journal segments.
        Assert.False(File.Exists(Path.Combine(data.Path, "trading.db")));
        Assert.False(Directory.Exists(Path.Combine(data.Path, "journal")) && Directory.EnumerateFiles(Path.Combine(data.Path, "journal")).Any());

        await using var restarted = new CoreServer(data.Path, settings: settings);
        var positions = await restarted.Positions.ListPositionsAsync(new ListPositionsRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token);
        var deals = await restarted.Orders.ListDealsAsync(new ListDealsRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token);
        var replay = await restarted.Orders.SubmitOrderAsync(Market(OrderType.Buy, 1m, "pg-1"), cancellationToken: Token);
        var clash = await Assert.ThrowsAsync<RpcException>(() => restarted.Orders.SubmitOrderAsync(Market(OrderType.Sell, 1m, "pg-1"), cancellationToken: Token).ResponseAsync);

        Assert.Equal(3m, positions.Positions.Single().Volume.ToDecimal()); // a netting account: one position of both buys
        Assert.Equal([DealType.Buy, DealType.Buy, DealType.Balance], deals.Deals.Select(deal => deal.Type)); // newest first: the two buys, the demo deposit
        Assert.Equal(first.Result.OrderTicket, replay.Result.OrderTicket);
        Assert.Equal(first.Result.DealTicket, replay.Result.DealTicket);
        Assert.Equal(StatusCode.AlreadyExists, clash.StatusCode);
    }

    [Fact]
    public async Task APgDumpTakenWhileTrading_RestoresIntoANewDatabase_AtExactlyItsAcknowledgedOrders()
    {
        Assert.SkipWhen(PostgresCluster.Missing is not null, PostgresCluster.Missing ?? "");
        using var data = new TempDirectory();
        var live = PostgresCluster.Shared.NewDatabase();
        var dump = Path.Combine(data.Path, "trading.dump");
        await using (var server = new CoreServer(data.Path, settings: Settings(live)))
        {
            await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
            for (var index = 0; index < 3; index++)
            {
                await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 1m, $"dumped-{index}"), cancellationToken: Token);
            }

            // docs/operations.md: a consistent logical copy while the core runs.
            await RunAsync(PostgresCluster.Tool("pg_dump"), "--format=custom", $"--file={dump}", Libpq(live));
            await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 1m, "after-the-dump"), cancellationToken: Token);
        }

        var restored = PostgresCluster.Shared.NewDatabase();
        await RunAsync(PostgresCluster.Tool("pg_restore"), "--no-owner", $"--dbname={Libpq(restored)}", dump);
        await using var back = new CoreServer(data.Path, settings: Settings(restored));
        var history = await back.Orders.ListOrdersAsync(new ListOrdersRequest { AccountId = CoreServer.DemoAccount, Scope = OrderScope.History }, cancellationToken: Token);
        var position = (await back.Positions.ListPositionsAsync(new ListPositionsRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token)).Positions.Single();

        Assert.Equal(["dumped-2", "dumped-1", "dumped-0"], history.Orders.Select(order => order.ClientOrderId));
        Assert.Equal(3m, position.Volume.ToDecimal());
    }

    [Fact]
    public async Task AHistoryRead_WaitsForWhatTheEngineAlreadyShowed_ToBeDurable_ThenHasIt()
    {
        Assert.SkipWhen(PostgresCluster.Missing is not null, PostgresCluster.Missing ?? "");
        using var data = new TempDirectory();
        var (server, connectionString) = await QuotedServerAsync(data);
        await using var _ = server;

        // The journal table is locked: the engine decides the order, but its record cannot commit yet.
        await using var blocker = new NpgsqlConnection(connectionString);
        await blocker.OpenAsync(Token);
        await using var transaction = await blocker.BeginTransactionAsync(Token);
        await using (var lockJournal = new NpgsqlCommand("LOCK TABLE \"journal\" IN EXCLUSIVE MODE", blocker, transaction))
        {
            await lockJournal.ExecuteNonQueryAsync(Token);
        }

        var submit = server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 1m, "held"), cancellationToken: Token).ResponseAsync;
        // The engine shows the order's position (read from the engine's state, not from history).
        await Poll.Eventually(async () => (await server.Positions.ListPositionsAsync(new ListPositionsRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token)).Positions.Count == 1);
        var history = server.Orders.ListOrdersAsync(new ListOrdersRequest { AccountId = CoreServer.DemoAccount, Scope = OrderScope.History }, cancellationToken: Token).ResponseAsync;
        await Task.Delay(300, Token);
        var answeredWhileHeld = history.IsCompleted || submit.IsCompleted;
        await transaction.CommitAsync(Token);

        Assert.False(answeredWhileHeld, "neither the ack nor the history read may answer before the order is durable");
        Assert.Equal(TradeRetcode.Done, (await submit).Result.Retcode);
        Assert.Equal(["held"], (await history).Orders.Select(order => order.ClientOrderId));
    }

    [Fact]
    public async Task WhenTheServerDropsEveryConnection_OrdersAreStillAcknowledgedAndProjected()
    {
        Assert.SkipWhen(PostgresCluster.Missing is not null, PostgresCluster.Missing ?? "");
        using var data = new TempDirectory();
        var (server, connectionString) = await QuotedServerAsync(data);
        await using var _ = server;
        Assert.Equal(TradeRetcode.Done, (await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 1m, "before"), cancellationToken: Token)).Result.Retcode);

        // Every backend of the core's database is terminated: the journal appender's, the projector's, the pool's and
        // the lease's (nobody else takes the lease meanwhile, so the core takes its session again and trades on).
        await using (var admin = new NpgsqlConnection(PostgresCluster.Shared.ConnectionString("postgres")))
        {
            await admin.OpenAsync(Token);
            await using var terminate = new NpgsqlCommand("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", admin);
            terminate.Parameters.Add(new NpgsqlParameter { Value = new NpgsqlConnectionStringBuilder(connectionString).Database });
            Assert.True((long)(await terminate.ExecuteScalarAsync(Token))! > 0);
        }

        var after = await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 1m, "after"), cancellationToken: Token);
        // A history read waits for the projection (read-your-writes), which reconnects on its own.
        var history = await server.Orders.ListOrdersAsync(new ListOrdersRequest { AccountId = CoreServer.DemoAccount, Scope = OrderScope.History }, cancellationToken: Token);

        await Task.Delay(TimeSpan.FromSeconds(2), Token); // several lease checks later it still trades
        var later = await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 1m, "later"), cancellationToken: Token);

        Assert.Equal(TradeRetcode.Done, after.Result.Retcode);
        Assert.Equal(["after", "before"], history.Orders.Select(order => order.ClientOrderId));
        Assert.Equal(TradeRetcode.Done, later.Result.Retcode);
    }

    [Fact]
    public void TheAppender_RecognisesItsOwnRecordAfterAnUncertainFailure_AndRefusesAnotherWritersRecord()
    {
        Assert.SkipWhen(PostgresCluster.Missing is not null, PostgresCluster.Missing ?? "");
        var database = new PostgresDatabase(PostgresCluster.Shared.NewDatabase());
        database.Initialize();
        var journal = database.CreateJournal();
        using (var first = journal.OpenJournalAppender(0))
        {
            Assert.Equal(1, first.Append([1, 2, 3]));
        }

        // A second appender that believes nothing was written (as after a lost commit acknowledgement).
        using var second = new PostgresJournalAppender(DataSourceOf(database), lastSeq: 0);
        Assert.ThrowsAny<NpgsqlException>(() => second.Append([9, 9, 9]));
        var foreign = Assert.Throws<LeaseLostException>(() => second.Append([9, 9, 9]));
        Assert.Equal(1, second.Append([1, 2, 3]));
        Assert.Equal(2, second.Append([4, 5]));

        Assert.Contains("written by another core", foreign.Message, StringComparison.Ordinal);
        var records = journal.ReadAfter(0, 10);
        Assert.Equal([1L, 2L], records.Select(record => record.Seq));
        Assert.Equal([1, 2, 3, 4, 5], records.SelectMany(record => record.Payload));
        Assert.Equal(2, journal.LastSeq());
    }

    [Fact]
    public void BothProvidersMigrationsMatchTheModel_AndCreateTheSameTablesAndColumns()
    {
        Assert.SkipWhen(PostgresCluster.Missing is not null, PostgresCluster.Missing ?? "");
        using var data = new TempDirectory();
        var sqlite = new SqliteDatabase(new Configuration.TradingCoreOptions { DataDirectory = data.Path });
        var postgres = new PostgresDatabase(PostgresCluster.Shared.NewDatabase());
        sqlite.Initialize();
        postgres.Initialize();

        using var sqliteContext = sqlite.CreateContext();
        using var postgresContext = postgres.CreateContext();
        Assert.False(sqliteContext.Database.HasPendingModelChanges());
        Assert.False(postgresContext.Database.HasPendingModelChanges());
        var sqliteColumns = Columns(sqlite, "SELECT m.name || '.' || p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '\\_\\_EF%' ESCAPE '\\'");
        var postgresColumns = Columns(postgres, "SELECT table_name || '.' || column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT LIKE '\\_\\_EF%' AND table_name NOT IN ('journal', 'core_lease')");
        Assert.Equal(sqliteColumns, postgresColumns);
    }

    [Fact]
    public async Task TheLease_IsOneCoresAtATime_AStandbyWaitsForIt_AndASecondCoreWithoutStandbyRefusesNamingTheHolder()
    {
        Assert.SkipWhen(PostgresCluster.Missing is not null, PostgresCluster.Missing ?? "");
        var connectionString = PostgresCluster.Shared.NewDatabase();
        await using var first = new PostgresDatabase(connectionString, TimeSpan.FromMilliseconds(100));
        await using var second = new PostgresDatabase(connectionString, TimeSpan.FromMilliseconds(100));
        await using var third = new PostgresDatabase(connectionString, TimeSpan.FromMilliseconds(100));
        first.Initialize();
        var firstEpoch = await first.AcquireLeaseAsync(standby: false, _ => { }, _ => { }, Token);
        var timeouts = (await first.Lease!.SessionSettingAsync("tcp_keepalives_idle"), await first.Lease.SessionSettingAsync("tcp_keepalives_count"), await first.Lease.SessionSettingAsync("tcp_user_timeout"));

        var refused = await Assert.ThrowsAsync<LeaseLostException>(() => second.AcquireLeaseAsync(standby: false, _ => { }, _ => { }, Token));
        var waitingFor = new TaskCompletionSource<string>();
        var standby = third.AcquireLeaseAsync(standby: true, holder => waitingFor.TrySetResult(holder), _ => { }, Token);
        var holder = await waitingFor.Task.WaitAsync(TimeSpan.FromSeconds(15), Token);
        Assert.False(standby.IsCompleted);
        await first.DisposeAsync(); // the holder stops: its session ends, the lock goes with it
        var standbyEpoch = await standby.WaitAsync(TimeSpan.FromSeconds(15), Token);

        Assert.Equal(1, firstEpoch);
        Assert.Equal(("2", "3", "5000"), timeouts); // a holder cut off by the network is dropped within seconds, not hours
        Assert.Contains($"pid {Environment.ProcessId}, epoch 1", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Standby=true", refused.Message, StringComparison.Ordinal);
        Assert.Equal($"{Environment.MachineName} pid {Environment.ProcessId}, epoch 1", holder);
        Assert.Equal(2, standbyEpoch);
    }

    [Fact]
    public async Task ACoreWhoseLeaseWasTaken_CommitsNothingMore_NeitherJournalNorProjection_AndIsToldItLostIt()
    {
        Assert.SkipWhen(PostgresCluster.Missing is not null, PostgresCluster.Missing ?? "");
        var connectionString = PostgresCluster.Shared.NewDatabase();
        await using var database = new PostgresDatabase(connectionString, TimeSpan.FromMilliseconds(100));
        database.Initialize();
        var lost = new TaskCompletionSource<Exception>();
        await database.AcquireLeaseAsync(standby: false, _ => { }, error => lost.TrySetResult(error), Token);
        using var appender = database.CreateJournal().OpenJournalAppender(0);
        using var projection = database.OpenProjectionTarget();
        Assert.Equal(1, appender.Append([1]));

        // Another core took over (its takeover raises the epoch; this one's session may still look alive).
        await using (var other = new NpgsqlConnection(connectionString))
        {
            await other.OpenAsync(Token);
            await using var take = new NpgsqlCommand("UPDATE \"core_lease\" SET \"Epoch\" = \"Epoch\" + 1 WHERE \"Id\" = 1", other);
            await take.ExecuteNonQueryAsync(Token);
        }

        var append = Assert.Throws<LeaseLostException>(() => appender.Append([2]));
        var batch = new JournalBatch();
        batch.SetCounters(new Persistence.Entities.EngineStateEntity { LastSequence = 99, JournalSeq = 1 });
        var project = Assert.Throws<LeaseLostException>(() => projection.Commit(batch));
        var told = await lost.Task.WaitAsync(TimeSpan.FromSeconds(15), Token);

        Assert.Contains("no longer holds", append.Message, StringComparison.Ordinal);
        Assert.Contains("nothing is projected", project.Message, StringComparison.Ordinal);
        Assert.IsType<LeaseLostException>(told);
        Assert.Equal([1L], database.CreateJournal().ReadAfter(0, 10).Select(record => record.Seq));
        Assert.Equal(0, projection.ReadLastSequence());
    }

    /// <summary>A core on a new database of the test cluster, EURUSD quoted.</summary>
    private static async Task<(CoreServer Server, string ConnectionString)> QuotedServerAsync(TempDirectory data)
    {
        var connectionString = PostgresCluster.Shared.NewDatabase();
        var server = new CoreServer(data.Path, settings: Settings(connectionString));
        await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        return (server, connectionString);
    }

    private static SortedSet<string> Columns(CoreDatabase database, string sql)
    {
        using var connection = database.OpenReadConnection();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var columns = new SortedSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }

    /// <summary>The libpq form of an Npgsql connection string (what pg_dump and pg_restore take).</summary>
    private static string Libpq(string connectionString)
    {
        var parsed = new NpgsqlConnectionStringBuilder(connectionString);
        return $"host={parsed.Host} port={parsed.Port} dbname={parsed.Database} user={parsed.Username}";
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(program, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var error = await process.StandardError.ReadToEndAsync(Token);
        await process.WaitForExitAsync(Token);
        Assert.True(process.ExitCode == 0, $"{Path.GetFileName(program)} exited {process.ExitCode}: {error}");
    }

    private static NpgsqlDataSource DataSourceOf(PostgresDatabase database) => database.DataSource;

    private static Dictionary<string, string> Settings(string connectionString) => new()
    {
        ["TradingCore:Persistence:Provider"] = "PostgreSql",
        ["TradingCore:Persistence:ConnectionString"] = connectionString,
    };
}
