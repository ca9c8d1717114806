using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using TradingCore.Contracts.V1;

namespace TradingCore.Client.Tests;

/// <summary>
/// The client against a real Kestrel server that restarts on the same port: tick and trade-event streams resume
/// with every gap reported, and an order burst across the restart places each order exactly once.
/// </summary>
public sealed class ClientResilienceTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TickStream_AcrossAServerRestart_ReportsTheInterruptionAndTheSequenceReset()
    {
        using var data = new TempDirectory();
        await using var server = await KestrelServer.StartAsync(data.Path);
        using var client = new TradingCoreClient(Options(server));
        for (var step = 0; step < 3; step++)
        {
            await server.QuoteAsync("EURUSD", 1.10000m + (step / 100_000m), 1.10010m + (step / 100_000m));
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        stop.CancelAfter(Patience);
        var events = Channel.CreateUnbounded<TickStreamEvent>();
        var reader = Task.Run(async () =>
        {
            await foreach (var item in client.StreamTicksAsync(["EURUSD"], stop.Token))
            {
                await events.Writer.WriteAsync(item, stop.Token);
            }
        }, stop.Token);

        Assert.Equal((3UL, true), Tick(await NextAsync<TickReceived>(events, stop.Token)));
        await NextAsync<SnapshotCompleted>(events, stop.Token);
        await server.QuoteAsync("EURUSD", 1.10100m, 1.10110m);
        Assert.Equal((4UL, false), Tick(await NextAsync<TickReceived>(events, stop.Token)));

        await server.RestartAsync();
        await server.QuoteAsync("EURUSD", 1.10200m, 1.10210m);

        var interrupted = await NextAsync<StreamInterrupted>(events, stop.Token);
        Assert.True(interrupted.Error.IsTransient);
        var afterRestart = new List<TickStreamEvent>();
        while (afterRestart.LastOrDefault() is not TickReceived { Tick.Bid: var bid } || bid.ToDecimal() != 1.10200m)
        {
            afterRestart.Add(await events.Reader.ReadAsync(stop.Token));
        }

        var reset = Assert.Single(afterRestart.OfType<TicksMissed>());
        Assert.Equal(("EURUSD", true), (reset.Symbol, reset.SequenceReset));
        Assert.True(afterRestart.IndexOf(reset) < afterRestart.Count - 1, "the reset is reported before the first tick after it");
        Assert.Equal(1UL, ((TickReceived)afterRestart[^1]).Tick.Sequence);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reader);
    }

    [Fact]
    public async Task OrderBurst_AcrossAServerRestart_PlacesEveryOrderExactlyOnce()
    {
        const int Orders = 120;
        using var data = new TempDirectory();
        await using var server = await KestrelServer.StartAsync(data.Path, ("EURUSD", 1.10000m, 1.10010m));
        var options = Options(server);
        options.Retry = new RetryOptions { MaxAttempts = 40, InitialBackoff = TimeSpan.FromMilliseconds(20), MaxBackoff = TimeSpan.FromMilliseconds(250) };
        using var client = new TradingCoreClient(global::Grpc.Net.Client.GrpcChannel.ForAddress(server.Address), options, ownsChannel: true);
        var outcomes = new TradeOutcome[Orders];
        var restartAfter = new TaskCompletionSource();
        var stopped = new TaskCompletionSource();
        long firstAfterStop = 0;

        var burst = Task.Run(async () =>
        {
            for (var index = 0; index < Orders; index++)
            {
                outcomes[index] = await client.SubmitMarketOrderAsync(1001, "EURUSD", OrderType.Buy, 0.01m, $"burst-{index}", Token);
                if (index == 21)
                {
                    firstAfterStop = System.Diagnostics.Stopwatch.GetTimestamp();
                }

                if (index == 20)
                {
                    // The rest of the burst meets the restart for certain: the next order goes to a stopped server.
                    restartAfter.TrySetResult();
                    await stopped.Task.WaitAsync(Patience, Token);
                }
            }
        }, Token);

        await restartAfter.Task.WaitAsync(Patience, Token);
        await server.StopAsync();
        stopped.TrySetResult();
        await Task.Delay(500, Token); // the client meets a closed port (refused connections, retried with backoff)
        var restarting = System.Diagnostics.Stopwatch.GetTimestamp();
        await server.StartAsync();
        await burst.WaitAsync(Patience, Token);

        Assert.True(firstAfterStop > restarting, "the order sent while the server was down completed only once it was back");
        Assert.All(outcomes, outcome => Assert.Equal(TradeRetcode.Done, outcome.Retcode));
        Assert.Equal(Orders, outcomes.Select(outcome => outcome.OrderTicket).Distinct().Count());
        var stored = await AllHistoryAsync(client);
        Assert.Equal(Orders, stored.Count(order => order.ClientOrderId.StartsWith("burst-", StringComparison.Ordinal)));
        Assert.Equal(Orders, stored.Select(order => order.ClientOrderId).Distinct().Count());
        var position = Assert.Single(await client.ListPositionsAsync(1001, cancellationToken: Token));
        Assert.Equal(Orders * 0.01m, position.Volume.ToDecimal());
    }

    [Fact]
    public async Task TradeEventStream_AcrossAServerRestart_YieldsEveryEventOnceAndInOrder()
    {
        using var data = new TempDirectory();
        await using var server = await KestrelServer.StartAsync(data.Path, ("EURUSD", 1.10000m, 1.10010m));
        var options = Options(server);
        options.Retry = new RetryOptions { MaxAttempts = 40, InitialBackoff = TimeSpan.FromMilliseconds(20), MaxBackoff = TimeSpan.FromMilliseconds(250) };
        using var client = new TradingCoreClient(options);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        stop.CancelAfter(Patience);
        var events = Channel.CreateUnbounded<TradeEvent>();
        var reader = Task.Run(async () =>
        {
            await foreach (var item in client.StreamTradeEventsAsync(1001, resumeAfterSequence: 0, stop.Token))
            {
                await events.Writer.WriteAsync(item, stop.Token);
            }
        }, stop.Token);

        var first = await client.SubmitMarketOrderAsync(1001, "EURUSD", OrderType.Buy, 0.10m, "events-1", Token);
        var beforeRestart = await ReadUntilAsync(events, first.Result.Sequence, stop.Token);
        await server.StopAsync();
        await server.StartAsync();
        var second = await client.SubmitMarketOrderAsync(1001, "EURUSD", OrderType.Sell, 0.10m, "events-2", Token);
        var afterRestart = await ReadUntilAsync(events, second.Result.Sequence, stop.Token);

        var all = beforeRestart.Concat(afterRestart).Select(item => item.Sequence).ToList();
        Assert.Equal(all.Order().Distinct(), all);
        Assert.Contains(afterRestart, item => item.Order?.ClientOrderId == "events-2");
        Assert.Contains(afterRestart, item => item.Deal?.ClientOrderId == "events-2");
        Assert.DoesNotContain(afterRestart, item => item.Order?.ClientOrderId == "events-1");
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reader);
    }

    [Fact]
    public async Task DependencyInjection_ResolvesClientsThatShareOneLogin()
    {
        using var data = new TempDirectory();
        await using var server = await KestrelServer.StartAsync(data.Path);
        var services = new ServiceCollection();
        services.AddTradingCoreClient(options =>
        {
            options.Address = server.Address;
            options.ApiKeyId = server.TraderKey.KeyId;
            options.ApiKeySecret = server.TraderKey.Secret;
        });
        await using var provider = services.BuildServiceProvider();

        var one = provider.GetRequiredService<TradingCoreClient>();
        var account = await one.GetAccountAsync(1001, Token);
        var two = provider.GetRequiredService<TradingCoreClient>();

        Assert.Equal(100_000m, account.Balance.ToDecimal());
        Assert.NotNull(one.AccessToken);
        Assert.Equal(one.AccessToken, two.AccessToken);
        Assert.NotEmpty(await two.ListSymbolsAsync(Token));
    }

    private static TradingCoreClientOptions Options(KestrelServer server) => new()
    {
        Address = server.Address,
        ApiKeyId = server.TraderKey.KeyId,
        ApiKeySecret = server.TraderKey.Secret,
        Retry = new RetryOptions { InitialBackoff = TimeSpan.FromMilliseconds(20), MaxBackoff = TimeSpan.FromMilliseconds(250) },
    };

    private static (ulong Sequence, bool Snapshot) Tick(TickReceived received) => (received.Tick.Sequence, received.Tick.Snapshot);

    private static async Task<T> NextAsync<T>(Channel<TickStreamEvent> events, CancellationToken cancellationToken)
        where T : TickStreamEvent
    {
        while (true)
        {
            if (await events.Reader.ReadAsync(cancellationToken) is T wanted)
            {
                return wanted;
            }
        }
    }

    private static async Task<List<TradeEvent>> ReadUntilAsync(Channel<TradeEvent> events, ulong sequence, CancellationToken cancellationToken)
    {
        var read = new List<TradeEvent>();
        while (read.Count == 0 || read[^1].Sequence < sequence)
        {
            read.Add(await events.Reader.ReadAsync(cancellationToken));
        }

        return read;
    }

    private static async Task<List<Order>> AllHistoryAsync(TradingCoreClient client)
    {
        var all = new List<Order>();
        var request = new ListOrdersRequest { AccountId = 1001, Scope = OrderScope.History, PageSize = 50 };
        while (true)
        {
            var page = await client.ListOrdersAsync(request, Token);
            all.AddRange(page.Orders);
            if (string.IsNullOrEmpty(page.NextPageToken))
            {
                return all;
            }

            request.PageToken = page.NextPageToken;
        }
    }
}
