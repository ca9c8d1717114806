using Grpc.Core;
using Microsoft.Data.Sqlite;
using TradingCore.Contracts.V1;

namespace TradingCore.Tests;

/// <summary>
/// Online backup (Admin/BackupDatabase, VACUUM INTO) and the restore procedure of docs/operations.md: stop, put the
/// backup in place as trading.db, start. The restored core has exactly the state of the backup's moment.
/// </summary>
public sealed class BackupTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Backup_WhileTrading_RestoresToExactlyTheStateAtTheBackup()
    {
        using var data = new TempDirectory();
        using var restoreTo = new TempDirectory();
        BackupDatabaseResponse backup;
        await using (var server = new CoreServer(data.Path, settings: TestStore.SqliteOnly()))
        {
            var admin = new Admin.AdminClient(await server.InvokerForAsync(server.AdminKey));
            await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
            for (var index = 0; index < 3; index++)
            {
                await server.Orders.SubmitOrderAsync(Market($"before-{index}"), cancellationToken: Token);
            }

            // Orders keep flowing while the backup runs: the copy is one consistent snapshot regardless.
            using var stopFlow = CancellationTokenSource.CreateLinkedTokenSource(Token);
            var flow = Task.Run(async () =>
            {
                for (var index = 0; !stopFlow.IsCancellationRequested; index++)
                {
                    await server.Orders.SubmitOrderAsync(Market($"during-{index}"), cancellationToken: Token);
                }
            }, Token);
            backup = await admin.BackupDatabaseAsync(new BackupDatabaseRequest { FileName = "nightly.db" }, cancellationToken: Token);
            await stopFlow.CancelAsync();
            await flow;
            await server.Orders.SubmitOrderAsync(Market("after-backup"), cancellationToken: Token);

            Assert.Equal(Path.Combine(data.Path, "backups", "nightly.db"), backup.Path);
            Assert.True(backup.SizeBytes > 0);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(backup.Path));
            }
        }

        Assert.Equal("ok", IntegrityCheck(backup.Path));
        var expectedOrders = OrderCount(backup.Path);
        Assert.True(expectedOrders >= 3);

        // Restore: the backup becomes trading.db of a (stopped) core's data directory; the keys live in it.
        File.Copy(backup.Path, Path.Combine(restoreTo.Path, "trading.db"));
        File.Copy(Path.Combine(data.Path, "bootstrap-credentials.json"), Path.Combine(restoreTo.Path, "bootstrap-credentials.json"));
        await using var restored = new CoreServer(restoreTo.Path, settings: TestStore.SqliteOnly());
        var history = await AllOrdersAsync(restored);
        var position = Assert.Single((await restored.Positions.ListPositionsAsync(new ListPositionsRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token)).Positions);

        Assert.Equal(expectedOrders, history.Count);
        Assert.DoesNotContain(history, order => order.ClientOrderId == "after-backup");
        Assert.Contains(history, order => order.ClientOrderId == "before-2");
        Assert.Equal(expectedOrders * 0.01m, position.Volume.ToDecimal());
        var events = restored.Orders.StreamTradeEvents(new StreamTradeEventsRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token);
        Assert.Equal(backup.LastSequence.ToString(System.Globalization.CultureInfo.InvariantCulture), (await events.ResponseHeadersAsync).GetValue("trading-resume-after"));
        events.Dispose();
    }

    [Fact]
    public async Task Backup_RefusesPathsExistingFilesAndNonAdmins()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path, settings: TestStore.SqliteOnly());
        var admin = new Admin.AdminClient(await server.InvokerForAsync(server.AdminKey));

        var named = await admin.BackupDatabaseAsync(new BackupDatabaseRequest(), cancellationToken: Token);
        var traversal = await Assert.ThrowsAsync<RpcException>(() => admin.BackupDatabaseAsync(new BackupDatabaseRequest { FileName = "../escape.db" }, cancellationToken: Token).ResponseAsync);
        var again = await Assert.ThrowsAsync<RpcException>(() => admin.BackupDatabaseAsync(new BackupDatabaseRequest { FileName = Path.GetFileName(named.Path) }, cancellationToken: Token).ResponseAsync);
        var trader = await Assert.ThrowsAsync<RpcException>(() => new Admin.AdminClient(server.Invoker).BackupDatabaseAsync(new BackupDatabaseRequest(), cancellationToken: Token).ResponseAsync);

        Assert.Matches(@"trading-\d{8}-\d{6}-\d{3}\.db$", named.Path);
        Assert.Equal((StatusCode.InvalidArgument, StatusCode.AlreadyExists, StatusCode.PermissionDenied), (traversal.StatusCode, again.StatusCode, trader.StatusCode));
        Assert.Contains("file_name", traversal.Status.Detail, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(data.Path, "escape.db")));
    }

    private static SubmitOrderRequest Market(string id) => new()
    {
        AccountId = CoreServer.DemoAccount,
        ClientOrderId = id,
        Symbol = "EURUSD",
        Type = OrderType.Buy,
        Volume = Contracts.V1.Decimal.FromDecimal(0.01m),
    };

    private static string IntegrityCheck(string path) => Scalar(path, "PRAGMA integrity_check")?.ToString() ?? "";

    private static int OrderCount(string path) => Convert.ToInt32(Scalar(path, "SELECT COUNT(*) FROM orders"), System.Globalization.CultureInfo.InvariantCulture);

    private static object? Scalar(string path, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static async Task<List<Order>> AllOrdersAsync(CoreServer server)
    {
        var all = new List<Order>();
        var request = new ListOrdersRequest { AccountId = CoreServer.DemoAccount, Scope = OrderScope.History, PageSize = 500 };
        while (true)
        {
            var page = await server.Orders.ListOrdersAsync(request, cancellationToken: Token);
            all.AddRange(page.Orders);
            if (string.IsNullOrEmpty(page.NextPageToken))
            {
                return all;
            }

            request.PageToken = page.NextPageToken;
        }
    }
}
