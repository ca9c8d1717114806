using TradingCore.Contracts.V1;
using TradingCore.Tests;

namespace TradingCore.Client.Tests;

public sealed class TradingCoreClientTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SubmitMarketOrder_RetriedWithTheSameId_PlacesOneOrder()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        using var client = new TradingCoreClient(server.Channel);
        await client.LoginAsync(server.TraderKey.KeyId, server.TraderKey.Secret, Token);
        await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);

        var first = await client.SubmitMarketOrderAsync(CoreServer.DemoAccount, "EURUSD", OrderType.Buy, 0.10m, "retry-me", Token);
        var retry = await client.SubmitMarketOrderAsync(CoreServer.DemoAccount, "EURUSD", OrderType.Buy, 0.10m, "retry-me", Token);

        Assert.Equal(TradeRetcode.Done, first.Result.Retcode);
        Assert.True(retry.Result.Duplicate);
        Assert.Equal(first.Result.OrderTicket, retry.Result.OrderTicket);
        var account = await client.GetAccountAsync(CoreServer.DemoAccount, Token);
        Assert.Equal(110m, account.Margin.ToDecimal());
    }

    [Fact]
    public async Task SubmitMarketOrder_WithoutId_GeneratesAUniqueOne()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        using var client = new TradingCoreClient(server.Channel);
        await client.LoginAsync(server.TraderKey.KeyId, server.TraderKey.Secret, Token);
        await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);

        var a = await client.SubmitMarketOrderAsync(CoreServer.DemoAccount, "EURUSD", OrderType.Buy, 0.01m, cancellationToken: Token);
        var b = await client.SubmitMarketOrderAsync(CoreServer.DemoAccount, "EURUSD", OrderType.Buy, 0.01m, cancellationToken: Token);

        Assert.NotEqual(a.Result.ClientOrderId, b.Result.ClientOrderId);
        Assert.NotEqual(a.Result.OrderTicket, b.Result.OrderTicket);
    }

    [Fact]
    public async Task StreamTicks_YieldsSnapshotThenLiveTicks()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        using var client = new TradingCoreClient(server.Channel);
        await client.LoginAsync(server.TraderKey.KeyId, server.TraderKey.Secret, Token);
        await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);
        cancel.CancelAfter(TimeSpan.FromSeconds(15));

        var received = new List<Tick>();
        await foreach (var tick in client.StreamTicksAsync(["EURUSD"], cancel.Token))
        {
            received.Add(tick);
            if (received.Count == 1)
            {
                await server.QuoteAsync("EURUSD", 1.10001m, 1.10011m);
            }
            else
            {
                break;
            }
        }

        Assert.True(received[0].Snapshot);
        Assert.Equal((2UL, false), (received[1].Sequence, received[1].Snapshot));
    }

    [Fact]
    public async Task WithoutLogin_CallsAreUnauthenticated_AndRefreshKeepsAccess()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        using var client = new TradingCoreClient(server.Channel);

        var error = await Assert.ThrowsAsync<global::Grpc.Core.RpcException>(() => client.GetAccountAsync(CoreServer.DemoAccount, Token));
        Assert.Equal(global::Grpc.Core.StatusCode.Unauthenticated, error.StatusCode);

        var login = await client.LoginAsync(server.TraderKey.KeyId, server.TraderKey.Secret, Token);
        var refreshed = await client.RefreshTokenAsync(Token);

        Assert.Equal([CoreServer.DemoAccount], login.AccountIds);
        Assert.Equal([Role.Trader], login.Roles);
        Assert.NotEqual(login.Token, refreshed.Token);
        Assert.Equal(100_000m, (await client.GetAccountAsync(CoreServer.DemoAccount, Token)).Balance.ToDecimal());
    }

    [Fact]
    public async Task SubmitMarketOrder_LimitSide_IsRefusedLocally()
    {
        using var client = new TradingCoreClient("http://127.0.0.1:1");

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.SubmitMarketOrderAsync(1, "EURUSD", OrderType.BuyLimit, 1m, cancellationToken: Token));
    }
}
