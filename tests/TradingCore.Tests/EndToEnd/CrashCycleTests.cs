using System.Collections.Concurrent;
using Grpc.Net.Client;
using TradingCore.Contracts.V1;

namespace TradingCore.Tests;

/// <summary>
/// The kill -9 crash test at twenty cycles: one data directory, one server process after another, each killed with
/// SIGKILL: at a random moment of its start (the first two on the fresh directory, while it creates its database,
/// keys and demo account; later ones before, during or after recovery), or under order load (with the projection at
/// its default interval, or a second behind the journal so that recovery has a long journal tail to replay).
/// After every restart each order acknowledged in any earlier cycle is stored with its one deal; at the end every
/// order ever attempted is there once, the position equals their replay, and the stored event history holds each
/// deal once.
/// </summary>
public sealed class CrashCycleTests
{
    private const int Cycles = 20;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Twenty_sigkills_in_a_row_lose_no_acknowledged_order_and_duplicate_nothing()
    {
        using var data = new TempDirectory();
        var acknowledged = new ConcurrentDictionary<string, SubmitOrderResponse>();
        var attempted = new ConcurrentDictionary<string, (OrderType Side, decimal Volume)>();
        var random = new Random(20_261_206);
        var killedDuringStart = 0;
        for (var cycle = 0; cycle < Cycles; cycle++)
        {
            var longTail = cycle % 4 == 2;
            await using var server = ServerProcess.Start(data.Path, "--TradingCore:Feed:Synthetic:IntervalMs=5",
                $"--TradingCore:Persistence:ProjectionIntervalMs={(longTail ? 1000 : 50)}");
            if (KilledDuringStart(cycle))
            {
                await Task.Delay(random.Next(200, 2500), Token);
                killedDuringStart += server.HasExited ? 0 : 1;
                await server.KillAsync();
                continue;
            }

            using var channel = GrpcChannel.ForAddress(server.Address);
            var trader = await ReadyAsync(channel, server, data.Path, cycle);
            var orders = new Orders.OrdersClient(trader);
            await AssertAcknowledgedStoredOnceAsync(orders, acknowledged, cycle);

            using var stop = new CancellationTokenSource();
            var target = acknowledged.Count + random.Next(10, 60);
            var workers = CrashRecoveryTests.StartLoad(orders, acknowledged, attempted, stop.Token, idPrefix: $"c{cycle}-");
            await Eventually(() => acknowledged.Count >= target, seconds: 60);
            await server.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(workers);
        }

        Assert.Equal(Enumerable.Range(0, Cycles).Count(KilledDuringStart), killedDuringStart);
        await using var last = ServerProcess.Start(data.Path, "--TradingCore:Feed:Synthetic:IntervalMs=5");
        using var lastChannel = GrpcChannel.ForAddress(last.Address);
        var lastTrader = await ReadyAsync(lastChannel, last, data.Path, Cycles);
        await CrashRecoveryTests.AssertNothingLostOrDoubledAsync(lastTrader, acknowledged, attempted);
        await AssertEventHistoryHoldsEachDealOnceAsync(new Orders.OrdersClient(lastTrader));
    }

    /// <summary>
    /// Projected nothing twice: the account's stored event history, replayed from its start, is in strictly increasing
    /// sequence order and holds one deal event for each stored deal.
    /// </summary>
    private static async Task AssertEventHistoryHoldsEachDealOnceAsync(Orders.OrdersClient orders)
    {
        var deals = (await CrashRecoveryTests.AllDeals(orders)).Select(deal => deal.Ticket).ToHashSet();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Token);
        limit.CancelAfter(TimeSpan.FromSeconds(60));
        using var replay = orders.StreamTradeEvents(new StreamTradeEventsRequest { AccountId = CoreServer.DemoAccount, ResumeAfterSequence = 0 }, cancellationToken: limit.Token);
        var seen = new HashSet<ulong>();
        ulong last = 0;
        while (seen.Count < deals.Count && await replay.ResponseStream.MoveNext(limit.Token))
        {
            var update = replay.ResponseStream.Current;
            Assert.True(update.Sequence > last, $"event {update.Sequence} replayed after {last}");
            last = update.Sequence;
            if (update.PayloadCase == TradeEvent.PayloadOneofCase.Deal)
            {
                Assert.True(seen.Add(update.Deal.Ticket), $"deal {update.Deal.Ticket} replayed twice");
            }
        }

        Assert.Equal(deals.Order(), seen.Order());
    }

    /// <summary>The first two starts (on the fresh directory) and every fourth after them.</summary>
    private static bool KilledDuringStart(int cycle) => cycle < 2 || cycle % 4 == 3;

    /// <summary>The restarted server's trader invoker; if it never gets ready, fails with what the server printed.</summary>
    private static async Task<global::Grpc.Core.CallInvoker> ReadyAsync(GrpcChannel channel, ServerProcess server, string dataDirectory, int cycle)
    {
        try
        {
            return await CrashRecoveryTests.WaitUntilReady(channel, server, dataDirectory);
        }
        catch (Xunit.Sdk.XunitException error)
        {
            var files = string.Join(", ", Directory.EnumerateFiles(dataDirectory, "*", SearchOption.AllDirectories)
                .Select(file => $"{Path.GetRelativePath(dataDirectory, file)} {new FileInfo(file).Length}"));
            throw new Xunit.Sdk.XunitException($"after {cycle} kills the server did not get ready ({error.Message}); files: {files}\n{server.Output}");
        }
    }

    /// <summary>Every order acknowledged so far has its one deal, with the acknowledged ticket; no id has two deals.</summary>
    private static async Task AssertAcknowledgedStoredOnceAsync(Orders.OrdersClient orders, ConcurrentDictionary<string, SubmitOrderResponse> acknowledged, int cycle)
    {
        var deals = (await CrashRecoveryTests.AllDeals(orders)).Where(deal => deal.Type is DealType.Buy or DealType.Sell).ToList();
        var byId = deals.GroupBy(deal => deal.ClientOrderId).ToDictionary(group => group.Key, group => group.ToList());
        Assert.All(byId, pair => Assert.True(pair.Value.Count == 1, $"after {cycle} kills, {pair.Key} has {pair.Value.Count} deals"));
        foreach (var (id, reply) in acknowledged)
        {
            Assert.True(byId.TryGetValue(id, out var stored), $"after {cycle} kills, acknowledged order {id} is missing");
            Assert.Equal(reply.Result.DealTicket, stored[0].Ticket);
        }
    }
}
