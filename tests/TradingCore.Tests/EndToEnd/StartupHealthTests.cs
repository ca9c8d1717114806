using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.Data.Sqlite;
using TradingCore.Contracts.V1;
using static TradingCore.Testing.Wire;

namespace TradingCore.Tests;

/// <summary>
/// The server listens from the first second of startup: while recovery cannot finish, health answers NOT_SERVING
/// and every other call UNAVAILABLE (never UNAUTHENTICATED for keys that are not loaded yet); then SERVING.
/// </summary>
public sealed class StartupHealthTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WhileRecoveryIsHeldUp_HealthIsNotServing_CallsAreUnavailable_ThenItServes()
    {
        using var data = new TempDirectory();
        await using (var first = ServerProcess.Start(data.Path))
        {
            using var channel = GrpcChannel.ForAddress(first.Address);
            await EndToEndTests.WaitUntilServing(channel, first);
        }

        // Another process holds trading.db's write lock: migrations (the first step of recovery) wait for it.
        var blocker = new SqliteConnection($"Data Source={Path.Combine(data.Path, "trading.db")};Pooling=False");
        await blocker.OpenAsync(Token);
        await using (var begin = blocker.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE;";
            await begin.ExecuteNonQueryAsync(Token);
        }

        await using var server = ServerProcess.StartWithAllPorts(data.Path);
        using var restartedChannel = GrpcChannel.ForAddress(server.Address);
        var health = new Health.HealthClient(restartedChannel);
        await Eventually(async () =>
        {
            Assert.False(server.HasExited, "the server exited early:\n" + server.Output);
            try
            {
                return (await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(2), cancellationToken: Token)).Status
                    == HealthCheckResponse.Types.ServingStatus.NotServing;
            }
            catch (RpcException)
            {
                return false; // not listening yet
            }
        }, seconds: 20);

        var orders = new Orders.OrdersClient(restartedChannel);
        var starting = await Assert.ThrowsAsync<RpcException>(() => orders.SubmitOrderAsync(Market(OrderType.Buy, 0.01m, "early"), cancellationToken: Token).ResponseAsync);
        Assert.Equal(StatusCode.Unavailable, starting.StatusCode);
        Assert.Contains("starting", starting.Status.Detail, StringComparison.Ordinal);
        var login = await Assert.ThrowsAsync<RpcException>(() => new Auth.AuthClient(restartedChannel).LoginAsync(new LoginRequest { KeyId = "x", Secret = "y" }, cancellationToken: Token).ResponseAsync);
        Assert.Equal(StatusCode.Unavailable, login.StatusCode);
        using (var http = new HttpClient { BaseAddress = server.HttpAddress })
        {
            using var json = await http.GetAsync("/v1/accounts/1001", Token);
            Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, json.StatusCode);
            Assert.Equal("1", json.Headers.GetValues("Retry-After").Single());
            using var body = System.Text.Json.JsonDocument.Parse(await json.Content.ReadAsStringAsync(Token));
            Assert.Equal(14, body.RootElement.GetProperty("code").GetInt32());
        }

        await blocker.DisposeAsync(); // the lock goes: recovery finishes
        await EndToEndTests.WaitUntilServing(restartedChannel, server);
        var trader = await ServerProcess.TraderAsync(restartedChannel, data.Path);
        var account = await new Accounts.AccountsClient(trader).GetAccountAsync(new GetAccountRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token);
        Assert.Equal(CoreServer.DemoAccount, account.Account.AccountId);
    }

    [Fact]
    public async Task TheHeapIsSettled_OnceRecoveryFinished_BeforeTheCoreServes()
    {
        using var data = new TempDirectory();
        await using var server = ServerProcess.Start(data.Path);
        using var channel = GrpcChannel.ForAddress(server.Address);
        await EndToEndTests.WaitUntilServing(channel, server);

        // Written by the Ready continuation, after the settle: both lines are there once the core serves.
        await Eventually(() => Task.FromResult(server.Output.Contains("Trading Core listening on", StringComparison.Ordinal)), seconds: 10);
        var output = server.Output;
        var settled = output.IndexOf("Heap settled after recovery: one full collection of ", StringComparison.Ordinal);
        Assert.True(settled >= 0, "no heap-settled line:\n" + output);
        Assert.True(settled < output.IndexOf("Trading Core listening on", StringComparison.Ordinal), "the heap was settled after the core reported it serves:\n" + output);
    }
}
