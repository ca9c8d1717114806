using System.Collections.Concurrent;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using TradingCore.Contracts.V1;
using static TradingCore.Testing.Wire;

namespace TradingCore.Tests;

/// <summary>
/// The durability promise under a real crash: a server process takes a stream of orders from concurrent clients and
/// is killed with SIGKILL mid-stream. After a restart every acknowledged order is there with its deal, nothing is
/// duplicated, and the position equals a replay of the orders.
/// </summary>
public sealed class CrashRecoveryTests
{
    private const int Clients = 8;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(60, "Sqlite")]
    [InlineData(150, "EfCore")]
    [InlineData(300, "Sqlite")]
    public async Task Sigkill_MidStream_LosesNoAcknowledgedOrderAndDuplicatesNothing(int killAfterAcks, string writer)
    {
        using var data = new TempDirectory();
        var acknowledged = new ConcurrentDictionary<string, SubmitOrderResponse>();
        var attempted = new ConcurrentDictionary<string, (OrderType Side, decimal Volume)>();

        await using (var server = ServerProcess.Start(data.Path, "--TradingCore:Feed:Synthetic:IntervalMs=5", $"--TradingCore:Persistence:Writer={writer}"))
        {
            using var channel = GrpcChannel.ForAddress(server.Address);
            var trader = await WaitUntilReady(channel, server, data.Path);
            var orders = new Orders.OrdersClient(trader);
            using var stop = new CancellationTokenSource();
            var workers = StartLoad(orders, acknowledged, attempted, stop.Token);
            await Eventually(() => Task.FromResult(acknowledged.Count >= killAfterAcks), seconds: 60);
            await server.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(workers);
        }

        await using (var restarted = ServerProcess.Start(data.Path, "--TradingCore:Feed:Synthetic:IntervalMs=5"))
        {
            using var channel = GrpcChannel.ForAddress(restarted.Address);
            var trader = await WaitUntilReady(channel, restarted, data.Path);
            await AssertNothingLostOrDoubledAsync(trader, acknowledged, attempted);
        }
    }

    /// <summary>
    /// <see cref="Clients"/> workers submitting market orders (ids {idPrefix}w{worker}-{index}) until <paramref name="stop"/>
    /// or until their call fails (the server died under it: its outcome is unknown). Every id is recorded as attempted
    /// before it is sent and as acknowledged when its reply arrives.
    /// </summary>
    internal static Task[] StartLoad(Orders.OrdersClient orders, ConcurrentDictionary<string, SubmitOrderResponse> acknowledged, ConcurrentDictionary<string, (OrderType Side, decimal Volume)> attempted, CancellationToken stop, string idPrefix = "") =>
        [.. Enumerable.Range(0, Clients).Select(worker => Task.Run(async () =>
        {
            for (var index = 0; !stop.IsCancellationRequested; index++)
            {
                var id = $"{idPrefix}w{worker}-{index}";
                var side = (worker + index) % 3 == 0 ? OrderType.Sell : OrderType.Buy;
                var volume = 0.01m * (1 + index % 3);
                attempted[id] = (side, volume);
                try
                {
                    acknowledged[id] = await orders.SubmitOrderAsync(Market(side, volume, id), cancellationToken: CancellationToken.None);
                }
                catch (RpcException)
                {
                    return;
                }
            }
        }, CancellationToken.None))];

    /// <summary>
    /// On the core that came back (restarted, or the standby that took over): every acknowledged order is stored,
    /// unchanged, with its one deal; retrying what was never acknowledged gives the stored order or a new one, never a
    /// second order for an id; the position equals the replay of every order.
    /// </summary>
    internal static async Task AssertNothingLostOrDoubledAsync(CallInvoker trader, ConcurrentDictionary<string, SubmitOrderResponse> acknowledged, ConcurrentDictionary<string, (OrderType Side, decimal Volume)> attempted)
    {
        Assert.All(acknowledged.Values, reply => Assert.Equal(TradeRetcode.Done, reply.Result.Retcode));
        var orders = new Orders.OrdersClient(trader);

        // Every acknowledged order survived, unchanged, with its deal.
        var deals = await AllDeals(orders);
        var dealsByOrder = deals.Where(deal => deal.Type is DealType.Buy or DealType.Sell).GroupBy(deal => deal.OrderTicket).ToDictionary(group => group.Key, group => group.ToList());
        foreach (var (id, reply) in acknowledged)
        {
            var stored = (await orders.GetOrderAsync(new GetOrderRequest { AccountId = CoreServer.DemoAccount, ClientOrderId = id }, cancellationToken: Token)).Order;
            Assert.Equal(reply.Result.OrderTicket, stored.Ticket);
            Assert.Equal(OrderState.Filled, stored.State);
            var deal = Assert.Single(dealsByOrder[stored.Ticket]);
            Assert.Equal(reply.Result.DealTicket, deal.Ticket);
        }

        // A client retries what it never heard back about: each retry is either the stored order or a new one,
        // never a second order for one id.
        foreach (var (id, (side, volume)) in attempted.Where(pair => !acknowledged.ContainsKey(pair.Key)))
        {
            var retry = await orders.SubmitOrderAsync(Market(side, volume, id), cancellationToken: Token);
            Assert.Equal(TradeRetcode.Done, retry.Result.Retcode);
        }

        var allDeals = (await AllDeals(orders)).Where(deal => deal.Type is DealType.Buy or DealType.Sell).ToList();
        Assert.Equal(attempted.Count, allDeals.Count);
        Assert.Equal(allDeals.Count, allDeals.Select(deal => deal.ClientOrderId).Distinct().Count());

        // The position equals the replay of every order: the net of all signed volumes.
        var expectedNet = attempted.Values.Sum(order => order.Side == OrderType.Buy ? order.Volume : -order.Volume);
        var positions = (await new Positions.PositionsClient(trader).ListPositionsAsync(new ListPositionsRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token)).Positions;
        var actualNet = positions.Sum(position => position.Type == PositionType.Buy ? position.Volume.ToDecimal() : -position.Volume.ToDecimal());
        Assert.Equal(expectedNet, actualNet);
    }

    internal static async Task<List<Deal>> AllDeals(Orders.OrdersClient orders)
    {
        var all = new List<Deal>();
        var token = "";
        do
        {
            var page = await orders.ListDealsAsync(new ListDealsRequest { AccountId = CoreServer.DemoAccount, PageSize = 1000, PageToken = token }, cancellationToken: Token);
            all.AddRange(page.Deals);
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return all;
    }

    internal static async Task<CallInvoker> WaitUntilReady(GrpcChannel channel, ServerProcess server, string dataDirectory)
    {
        var health = new Health.HealthClient(channel);
        MarketData.MarketDataClient? marketData = null;
        CallInvoker? trader = null;
        await Eventually(async () =>
        {
            Assert.False(server.HasExited, "the server exited early:\n" + server.Output);
            try
            {
                var serving = (await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(2), cancellationToken: Token)).Status
                    == HealthCheckResponse.Types.ServingStatus.Serving;
                if (!serving)
                {
                    return false;
                }

                trader ??= await ServerProcess.TraderAsync(channel, dataDirectory);
                marketData ??= new MarketData.MarketDataClient(trader);
                return (await marketData.GetLastTicksAsync(new GetLastTicksRequest { Symbols = { "EURUSD" } }, cancellationToken: Token)).Ticks.Count == 1;
            }
            catch (RpcException)
            {
                return false;
            }
        }, seconds: 60);
        return trader!;
    }
}
