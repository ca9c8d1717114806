using TradingCore.Contracts.V1;

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

        var received = new List<TickStreamEvent>();
        await foreach (var item in client.StreamTicksAsync(["EURUSD"], cancel.Token))
        {
            received.Add(item);
            if (item is SnapshotCompleted)
            {
                await server.QuoteAsync("EURUSD", 1.10001m, 1.10011m);
            }
            else if (item is TickReceived { Tick.Snapshot: false })
            {
                break;
            }
        }

        Assert.Collection(
            received,
            first => Assert.Equal((1UL, true), (Assert.IsType<TickReceived>(first).Tick.Sequence, ((TickReceived)first).Tick.Snapshot)),
            second => Assert.Equal(1u, Assert.IsType<SnapshotCompleted>(second).TickCount),
            third => Assert.Equal((2UL, false), (Assert.IsType<TickReceived>(third).Tick.Sequence, ((TickReceived)third).Tick.Snapshot)));
    }

    [Fact]
    public async Task StreamTicks_ResumingFromSavedSequences_ReportsWhatWasMissed()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        using var client = new TradingCoreClient(server.Channel);
        await client.LoginAsync(server.TraderKey.KeyId, server.TraderKey.Secret, Token);
        for (var step = 0; step < 4; step++)
        {
            await server.QuoteAsync("EURUSD", 1.10000m + (step / 100_000m), 1.10010m + (step / 100_000m));
        }

        var subscription = new TickSubscription { Symbols = ["EURUSD"], ResumeFrom = new Dictionary<string, ulong> { ["EURUSD"] = 1 } };
        var received = await client.StreamTicksAsync(subscription, Token).Take(2).ToListAsync(Token);

        Assert.Equal(new TicksMissed("EURUSD", 2, SequenceReset: false), received[0]);
        Assert.Equal(4UL, Assert.IsType<TickReceived>(received[1]).Tick.Sequence);
    }

    [Fact]
    public async Task WithoutLogin_CallsAreUnauthenticated_AndRefreshKeepsAccess()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        using var client = new TradingCoreClient(server.Channel);

        var error = await Assert.ThrowsAsync<NotAuthenticatedException>(() => client.GetAccountAsync(CoreServer.DemoAccount, Token));
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
