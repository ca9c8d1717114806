using System.Net;
using System.Net.Sockets;
using TradingCore.Contracts.V1;

namespace TradingCore.Client.Tests;

/// <summary>
/// A client given several endpoints follows the one that serves: past a dead address, past a hot standby (which
/// answers UNAVAILABLE), and through a failover from the active core to the standby that takes over, with orders
/// retried under their client order ids (each placed once).
/// </summary>
public sealed class ClientFailoverTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GivenADeadAddressFirst_TheClientMovesToTheLiveOne()
    {
        using var data = new TempDirectory();
        await using var server = await KestrelServer.StartAsync(data.Path, ("EURUSD", 1.10000m, 1.10010m));
        var options = Options(server.TraderKey);
        options.Addresses.Add(DeadAddress());
        options.Addresses.Add(server.Address);
        using var client = new TradingCoreClient(options);

        var outcome = await client.SubmitMarketOrderAsync(CoreServer.DemoAccount, "EURUSD", OrderType.Buy, 0.1m, "after-dead", Token);

        Assert.Equal(TradeRetcode.Done, outcome.Retcode);
        Assert.Equal(server.Address, client.CurrentEndpoint);
    }

    [Fact]
    public async Task GivenTheStandbyAndTheActiveCore_TheClientFollowsTheActiveOne_ThroughAFailover_PlacingEachOrderOnce()
    {
        Assert.SkipWhen(PostgresCluster.Missing is not null, PostgresCluster.Missing ?? "");
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        var settings = new Dictionary<string, string>
        {
            ["TradingCore:Persistence:Provider"] = "PostgreSql",
            ["TradingCore:Persistence:ConnectionString"] = PostgresCluster.Shared.NewDatabase(),
            ["TradingCore:HighAvailability:Standby"] = "true",
            ["TradingCore:HighAvailability:LeaseCheckMs"] = "100",
            ["TradingCore:Auth:SigningKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["TradingCore:Feed:Kind"] = "Synthetic",
            ["TradingCore:Feed:Synthetic:IntervalMs"] = "5",
        };
        var active = await KestrelServer.StartAsync(first.Path, settings: settings);
        await using var standby = await KestrelServer.StartAsync(second.Path, settings: settings, waitUntilReady: false);
        var options = Options(active.TraderKey);
        options.Addresses.Add(standby.Address); // the standby first: the client must pass it by
        options.Addresses.Add(active.Address);
        using var client = new TradingCoreClient(options);
        var before = new List<TradeOutcome>();
        for (var index = 0; index < 10; index++)
        {
            before.Add(await client.SubmitMarketOrderAsync(CoreServer.DemoAccount, "EURUSD", OrderType.Buy, 0.01m, $"before-{index}", Token));
        }

        var onActive = client.CurrentEndpoint;
        var stoppedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await active.DisposeAsync(); // the active core stops; its lease goes with it
        await standby.WaitForQuoteAsync("EURUSD", stoppedAt, TimeSpan.FromSeconds(30)); // took over, and its feed quotes
        var after = new List<TradeOutcome>();
        for (var index = 0; index < 10; index++)
        {
            after.Add(await client.SubmitMarketOrderAsync(CoreServer.DemoAccount, "EURUSD", OrderType.Buy, 0.01m, $"after-{index}", Token));
        }

        var history = await client.ListOrdersAsync(new ListOrdersRequest { AccountId = CoreServer.DemoAccount, Scope = OrderScope.History, PageSize = 100 }, Token);

        Assert.Equal(active.Address, onActive);
        Assert.Equal(standby.Address, client.CurrentEndpoint);
        Assert.True(standby.Ready.IsCompletedSuccessfully, "the standby took over");
        Assert.All(before.Concat(after), outcome => Assert.Equal(TradeRetcode.Done, outcome.Retcode));
        Assert.Equal(
            before.Concat(after).Select(outcome => outcome.ClientOrderId).Order(StringComparer.Ordinal),
            history.Orders.Select(order => order.ClientOrderId).Order(StringComparer.Ordinal));
        Assert.Equal(20, before.Concat(after).Select(outcome => outcome.ClientOrderId).Distinct().Count());
    }

    private static TradingCoreClientOptions Options(Credentials.Key key) => new()
    {
        ApiKeyId = key.KeyId,
        ApiKeySecret = key.Secret,
        Retry = new RetryOptions { MaxAttempts = 30, InitialBackoff = TimeSpan.FromMilliseconds(20), MaxBackoff = TimeSpan.FromMilliseconds(200) },
    };

    private static Uri DeadAddress()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}"); // closed when this returns
    }
}
