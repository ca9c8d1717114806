using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using TradingCore.Contracts.V1;
using static TradingCore.Testing.Wire;

namespace TradingCore.Tests;

/// <summary>
/// Two core processes against one PostgreSQL store: the first holds the lease and trades, the second waits as a hot
/// standby (NOT_SERVING, calls refused UNAVAILABLE naming it a standby). Killed with SIGKILL under order load, the
/// active core's lease goes with its session; the standby takes it over from the shared journal, and on it every
/// acknowledged order is there once with its deal, and nothing is duplicated (the crash test, across two processes).
/// </summary>
public sealed class FailoverTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sigkill_OfTheActiveCore_UnderOrderLoad_TheStandbyTakesOver_LosingAndDuplicatingNothing()
    {
        Assert.SkipWhen(PostgresCluster.Missing is not null, PostgresCluster.Missing ?? "");
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        var store = TwoNodes(PostgresCluster.Shared.NewDatabase(), "--TradingCore:HighAvailability:LeaseCheckMs=200");
        var acknowledged = new ConcurrentDictionary<string, SubmitOrderResponse>();
        var attempted = new ConcurrentDictionary<string, (OrderType Side, decimal Volume)>();

        await using var active = ServerProcess.Start(first.Path, store);
        using var activeChannel = GrpcChannel.ForAddress(active.Address);
        var trader = await CrashRecoveryTests.WaitUntilReady(activeChannel, active, first.Path);
        await using var standby = ServerProcess.Start(second.Path, store);
        using var standbyChannel = GrpcChannel.ForAddress(standby.Address);
        await Eventually(() => Task.FromResult(standby.Output.Contains("Standby: another core holds the store's lease", StringComparison.Ordinal)), seconds: 60);
        var standbyHealth = (await new Health.HealthClient(standbyChannel).CheckAsync(new HealthCheckRequest(), cancellationToken: Token)).Status;
        var refused = await Assert.ThrowsAsync<RpcException>(() => new MarketData.MarketDataClient(standbyChannel).ListSymbolsAsync(new ListSymbolsRequest(), cancellationToken: Token).ResponseAsync);

        using var stop = new CancellationTokenSource();
        var workers = CrashRecoveryTests.StartLoad(new Orders.OrdersClient(trader), acknowledged, attempted, stop.Token);
        await Eventually(() => Task.FromResult(acknowledged.Count >= 200), seconds: 60);
        await active.KillAsync();
        var killed = Stopwatch.GetTimestamp();
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        // The standby serves once it holds the lease and recovered from the shared journal.
        var health = new Health.HealthClient(standbyChannel);
        await Eventually(async () => (await health.CheckAsync(new HealthCheckRequest(), cancellationToken: Token)).Status == HealthCheckResponse.Types.ServingStatus.Serving, seconds: 30);
        var takeover = Stopwatch.GetElapsedTime(killed);
        var report = $"takeover: {takeover.TotalMilliseconds:F0} ms from SIGKILL to SERVING; {acknowledged.Count} orders acknowledged before it, {attempted.Count} attempted";
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        if (Environment.GetEnvironmentVariable("TRADINGCORE_FAILOVER_REPORT") is { Length: > 0 } reportFile)
        {
            await File.AppendAllTextAsync(reportFile, report + Environment.NewLine, Token); // docs/benchmarks.md's takeover times
        }

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, standbyHealth);
        Assert.Equal(StatusCode.Unavailable, refused.StatusCode);
        Assert.Contains("standby", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("Took the store's lease", standby.Output, StringComparison.Ordinal);
        // The bootstrap keys of the first node are in the shared store: the same trader logs in on the second.
        await CrashRecoveryTests.AssertNothingLostOrDoubledAsync(await ServerProcess.TraderAsync(standbyChannel, first.Path), acknowledged, attempted);
    }

    [Fact]
    public async Task AHungActiveCore_IsTakenOverOnceItStopsRenewingTheLease_AndStopsItselfWhenItWakes()
    {
        Assert.SkipWhen(PostgresCluster.Missing is not null, PostgresCluster.Missing ?? "");
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        var store = TwoNodes(
            PostgresCluster.Shared.NewDatabase(),
            "--TradingCore:HighAvailability:LeaseCheckMs=200",
            "--TradingCore:HighAvailability:TakeoverAfterMs=3000",
            // The test polls health (anonymous, rate-limited per address) for seconds.
            "--TradingCore:Auth:AnonymousRequestsPerSecond=100000",
            "--TradingCore:Auth:AnonymousRequestBurst=100000");
        await using var active = ServerProcess.Start(first.Path, store);
        using var activeChannel = GrpcChannel.ForAddress(active.Address);
        var orders = new Orders.OrdersClient(await CrashRecoveryTests.WaitUntilReady(activeChannel, active, first.Path));
        for (var index = 0; index < 5; index++)
        {
            Assert.Equal(TradeRetcode.Done, (await orders.SubmitOrderAsync(Market(OrderType.Buy, 0.01m, $"before-hang-{index}"), cancellationToken: Token)).Result.Retcode);
        }

        await using var standby = ServerProcess.Start(second.Path, store);
        using var standbyChannel = GrpcChannel.ForAddress(standby.Address);
        await Eventually(() => Task.FromResult(standby.Output.Contains("Standby: another core holds the store's lease", StringComparison.Ordinal)), seconds: 60);

        // The active core hangs (SIGSTOP): its connections stay open, so its lock would be held for ever.
        await Signal(active, "STOP");
        var hung = Stopwatch.GetTimestamp();
        var health = new Health.HealthClient(standbyChannel);
        await Eventually(async () => (await health.CheckAsync(new HealthCheckRequest(), cancellationToken: Token)).Status == HealthCheckResponse.Types.ServingStatus.Serving, seconds: 60);
        var takeover = Stopwatch.GetElapsedTime(hung);
        if (Environment.GetEnvironmentVariable("TRADINGCORE_FAILOVER_REPORT") is { Length: > 0 } reportFile)
        {
            await File.AppendAllTextAsync(reportFile, $"hung-holder takeover: {takeover.TotalMilliseconds:F0} ms from SIGSTOP to SERVING (TakeoverAfterMs=3000){Environment.NewLine}", Token);
        }

        await Signal(active, "CONT");
        await active.WaitForExitAsync(TimeSpan.FromSeconds(30));

        var trader = await ServerProcess.TraderAsync(standbyChannel, first.Path);
        var onStandby = new Orders.OrdersClient(trader);
        var after = await onStandby.SubmitOrderAsync(Market(OrderType.Buy, 0.01m, "after-hang"), cancellationToken: Token);
        // The 3 s count from the hung core's last renewal, which came up to one renewal interval (200 ms, plus the
        // loop's own jitter) before the SIGSTOP: the takeover may come that much sooner after the signal, not sooner.
        Assert.True(takeover >= TimeSpan.FromMilliseconds(3000 - (2 * 200)), $"taken over after {takeover.TotalMilliseconds:F0} ms, before the lease went unrenewed for 3 s");
        Assert.Contains("its lease session was ended", standby.Output, StringComparison.Ordinal);
        Assert.Equal(1, active.ExitCode);
        Assert.Contains("Lost the store's lease", active.Output, StringComparison.Ordinal);
        for (var index = 0; index < 5; index++)
        {
            Assert.Equal(OrderState.Filled, (await onStandby.GetOrderAsync(new GetOrderRequest { AccountId = CoreServer.DemoAccount, ClientOrderId = $"before-hang-{index}" }, cancellationToken: Token)).Order.State);
        }

        Assert.Equal(TradeRetcode.Done, after.Result.Retcode);
    }

    [Fact]
    public async Task ASlowLeaseRenewal_KeepsTheLease_TheStandbyWaitsOn()
    {
        Assert.SkipWhen(PostgresCluster.Missing is not null, PostgresCluster.Missing ?? "");
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        var connectionString = PostgresCluster.Shared.NewDatabase();
        // Renewals time out after 1 s (four intervals, at least a second).
        var store = TwoNodes(connectionString, "--TradingCore:HighAvailability:LeaseCheckMs=100");
        await using var active = ServerProcess.Start(first.Path, store);
        using var activeChannel = GrpcChannel.ForAddress(active.Address);
        var orders = new Orders.OrdersClient(await CrashRecoveryTests.WaitUntilReady(activeChannel, active, first.Path));
        await using var standby = ServerProcess.Start(second.Path, store);
        using var standbyChannel = GrpcChannel.ForAddress(standby.Address);
        await Eventually(() => Task.FromResult(standby.Output.Contains("Standby: another core holds the store's lease", StringComparison.Ordinal)), seconds: 60);

        // The lease row locked for 3 s: the active core's renewals wait, and time out, on a session that is fine.
        await using (var blocker = new Npgsql.NpgsqlConnection(connectionString))
        {
            await blocker.OpenAsync(Token);
            await using var transaction = await blocker.BeginTransactionAsync(Token);
            await using (var lockRow = new Npgsql.NpgsqlCommand("SELECT 1 FROM \"core_lease\" WHERE \"Id\" = 1 FOR UPDATE", blocker, transaction))
            {
                await lockRow.ExecuteScalarAsync(Token);
            }

            await Task.Delay(TimeSpan.FromSeconds(3), Token);
            await transaction.CommitAsync(Token);
        }

        await Task.Delay(TimeSpan.FromSeconds(1), Token);
        var after = await orders.SubmitOrderAsync(Market(OrderType.Buy, 0.01m, "after-slow-renewal"), cancellationToken: Token);
        var standbyHealth = (await new Health.HealthClient(standbyChannel).CheckAsync(new HealthCheckRequest(), cancellationToken: Token)).Status;

        Assert.Equal(TradeRetcode.Done, after.Result.Retcode);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, standbyHealth);
        Assert.DoesNotContain("Lost the store's lease", active.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Took the store's lease", standby.Output, StringComparison.Ordinal);
    }

    /// <summary>The settings of two nodes of one PostgreSQL store, the second a standby, plus <paramref name="more"/>.</summary>
    private static string[] TwoNodes(string connectionString, params string[] more) =>
    [
        "--TradingCore:Persistence:Provider=PostgreSql",
        $"--TradingCore:Persistence:ConnectionString={connectionString}",
        "--TradingCore:HighAvailability:Standby=true",
        // Both nodes sign with one key, so an access token stays valid across a failover.
        $"--TradingCore:Auth:SigningKey={Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))}",
        "--TradingCore:Feed:Synthetic:IntervalMs=5",
        .. more,
    ];

    private static async Task Signal(ServerProcess server, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", server.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync(Token);
    }
}
