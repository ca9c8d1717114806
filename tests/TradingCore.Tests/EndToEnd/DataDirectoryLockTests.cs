using Grpc.Net.Client;
using Microsoft.Data.Sqlite;
using TradingCore.Contracts.V1;
using static TradingCore.Testing.Wire;

namespace TradingCore.Tests;

/// <summary>
/// A SQLite core owns its data directory: it holds the directory's lock file (core.lock) while it runs, so a second
/// core on the same directory refuses to start, and the lock ends with the process however it ends. Holding it, a
/// start clears EF Core's migration lock that a core killed during its own start left behind (found by
/// <see cref="CrashCycleTests"/>: such a row made every later start wait forever, NOT_SERVING).
/// </summary>
public sealed class DataDirectoryLockTests
{
    private const string Sqlite = "--TradingCore:Persistence:Provider=Sqlite";
    private const string Feed = "--TradingCore:Feed:Synthetic:IntervalMs=5";
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AMigrationLockLeftByACoreKilledWhileStarting_DoesNotStopTheNextStart()
    {
        using var data = new TempDirectory();
        SubmitOrderResponse placed;
        await using (var first = ServerProcess.Start(data.Path, Sqlite, Feed))
        {
            using var channel = GrpcChannel.ForAddress(first.Address);
            var trader = await CrashRecoveryTests.WaitUntilReady(channel, first, data.Path);
            placed = await new Orders.OrdersClient(trader).SubmitOrderAsync(Market(OrderType.Buy, 0.01m, "before-kill"), cancellationToken: Token);
            await first.KillAsync();
        }

        // What EF Core's Migrate leaves when the process dies between taking its lock and releasing it.
        await ExecuteAsync(data.Path, "INSERT INTO \"__EFMigrationsLock\" (\"Id\", \"Timestamp\") VALUES (1, '2026-12-06 20:00:00+00:00')");

        await using var restarted = ServerProcess.Start(data.Path, Sqlite, Feed);
        using var restartedChannel = GrpcChannel.ForAddress(restarted.Address);
        var again = await CrashRecoveryTests.WaitUntilReady(restartedChannel, restarted, data.Path);
        var stored = await new Orders.OrdersClient(again).GetOrderAsync(new GetOrderRequest { AccountId = CoreServer.DemoAccount, ClientOrderId = "before-kill" }, cancellationToken: Token);
        Assert.Equal(placed.Order.Ticket, stored.Order.Ticket);
        Assert.Contains("Cleared EF Core's migration lock", restarted.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASecondCoreOnTheSameDataDirectory_RefusesToStart_AndTheLockEndsWithAKilledHolder()
    {
        using var data = new TempDirectory();
        await using var first = ServerProcess.Start(data.Path, Sqlite, Feed);
        using var channel = GrpcChannel.ForAddress(first.Address);
        var trader = await CrashRecoveryTests.WaitUntilReady(channel, first, data.Path);
        var orders = new Orders.OrdersClient(trader);
        await orders.SubmitOrderAsync(Market(OrderType.Buy, 0.01m, "first"), cancellationToken: Token);

        await using (var second = ServerProcess.Start(data.Path, Sqlite, Feed))
        {
            await second.WaitForExitAsync(TimeSpan.FromSeconds(60));
            Assert.True(second.ExitCode == 1, second.Output);
            Assert.Contains($"the data directory {data.Path} is in use by another Trading Core process", second.Output, StringComparison.Ordinal);
        }

        // The first core never noticed: it still trades, and its journal is its own.
        var next = await orders.SubmitOrderAsync(Market(OrderType.Buy, 0.01m, "after-refusal"), cancellationToken: Token);
        Assert.Equal(TradeRetcode.Done, next.Result.Retcode);
        Assert.Equal(first.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), await ReadWithoutLockingAsync(Path.Combine(data.Path, "core.lock")));

        // kill -9: the kernel ends the lock with the process, and the next core starts at once.
        await first.KillAsync();
        await using var third = ServerProcess.Start(data.Path, Sqlite, Feed);
        using var thirdChannel = GrpcChannel.ForAddress(third.Address);
        var thirdTrader = await CrashRecoveryTests.WaitUntilReady(thirdChannel, third, data.Path);
        var stored = await new Orders.OrdersClient(thirdTrader).GetOrderAsync(new GetOrderRequest { AccountId = CoreServer.DemoAccount, ClientOrderId = "after-refusal" }, cancellationToken: Token);
        Assert.Equal(next.Order.Ticket, stored.Order.Ticket);
    }

    /// <summary>The file's text as an operator's `cat` reads it (.NET's own open would ask for the lock).</summary>
    private static async Task<string> ReadWithoutLockingAsync(string path)
    {
        using var cat = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("cat", [path]) { RedirectStandardOutput = true })!;
        var text = await cat.StandardOutput.ReadToEndAsync(Token);
        await cat.WaitForExitAsync(Token);
        return text.Trim();
    }

    private static async Task ExecuteAsync(string dataDirectory, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "trading.db")};Pooling=False");
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Token);
    }
}
