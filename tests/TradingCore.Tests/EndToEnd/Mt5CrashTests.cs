using System.Globalization;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using TradingCore.Contracts.V1;
using TradingCore.Testing;
using static TradingCore.Testing.Wire;

namespace TradingCore.Tests;

/// <summary>
/// A core process routing to MT5 is killed with SIGKILL while an order is in flight at the terminal; MT5 executes it
/// while the core is down. After the restart the terminal reconnects and sweeps: the order takes MT5's fill, every
/// acknowledged order is there, no order reached MT5 twice, and the account is exactly MT5's (docs/mt5-routing.md).
/// </summary>
public sealed class Mt5CrashTests
{
    private const long Login = BridgeTerminal.Login;
    private const long Account = CoreServer.DemoAccount;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static ServerProcess Start(string data, int bridgePort) => ServerProcess.Start(
        data,
        "--TradingCore:Feed:Kind=Bridge",
        $"--TradingCore:Feed:Bridge:Listen=127.0.0.1:{bridgePort}",
        $"--TradingCore:Feed:Bridge:Terminals:0:Login={Login}",
        $"--TradingCore:Feed:Bridge:Terminals:0:Secret={FakeTerminal.Secret}",
        $"--TradingCore:AccountControl:{Account}:Mt5Login={Login}");

    private static async Task<Orders.OrdersClient> ReadyAsync(GrpcChannel channel, ServerProcess server, string data)
    {
        var health = new Health.HealthClient(channel);
        await Eventually(async () =>
        {
            Assert.False(server.HasExited, "the server exited early:\n" + server.Output);
            try
            {
                return (await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(2), cancellationToken: Token)).Status == HealthCheckResponse.Types.ServingStatus.Serving;
            }
            catch (RpcException)
            {
                return false;
            }
        }, seconds: 60);
        return new Orders.OrdersClient(await ServerProcess.TraderAsync(channel, data));
    }

    private static async Task<FakeTradeServer> ConnectAsync(int port, FakeMt5Account account, CallInvoker trader)
    {
        var accounts = new Accounts.AccountsClient(trader);
        var marketData = new MarketData.MarketDataClient(trader);
        FakeTradeServer? terminal = null;
        await Eventually(async () =>
        {
            try
            {
                terminal = await FakeTradeServer.ConnectAsync(port, Login, account);
                return true;
            }
            catch (System.Net.Sockets.SocketException)
            {
                return false;
            }
        });
        await Eventually(async () => (await accounts.GetAccountAsync(new GetAccountRequest { AccountId = Account }, cancellationToken: Token)).Account.VenueState == VenueState.Connected);

        // Market orders need the terminal's first quote (else PRICE_OFF).
        await Eventually(async () => (await marketData.GetLastTicksAsync(new GetLastTicksRequest { Symbols = { "EURUSD" } }, cancellationToken: Token)).Ticks.Count == 1);
        return terminal!;
    }

    [Fact]
    public async Task Sigkill_with_an_order_in_flight_loses_nothing_and_sends_nothing_twice()
    {
        using var data = new TempDirectory();
        var bridgePort = BridgeTerminal.FreePort();
        var account = new FakeMt5Account();
        var acknowledged = new List<SubmitOrderResponse>();
        var sent = new List<ulong>();

        await using (var server = Start(data.Path, bridgePort))
        {
            using var channel = GrpcChannel.ForAddress(server.Address);
            var orders = await ReadyAsync(channel, server, data.Path);
            var mt5 = await ConnectAsync(bridgePort, account, await ServerProcess.TraderAsync(channel, data.Path));
            for (var index = 0; index < 5; index++)
            {
                var id = string.Create(CultureInfo.InvariantCulture, $"filled-{index}");
                acknowledged.Add(await orders.SubmitOrderAsync(Market(OrderType.Buy, 0.1m, id), cancellationToken: Token));
                Assert.Equal(TradeRetcode.Placed, acknowledged[^1].Result.Retcode);
                await Eventually(async () => (await orders.GetOrderAsync(new GetOrderRequest { AccountId = Account, ClientOrderId = id }, cancellationToken: Token)).Order.State == OrderState.Filled);
            }

            mt5.Next(FakeTradeServer.Outcome.Silence);
            acknowledged.Add(await orders.SubmitOrderAsync(Market(OrderType.Buy, 0.3m, "in-flight"), cancellationToken: Token));
            await Eventually(() => account.InFlight.Count == 1);
            await server.KillAsync();
            sent.AddRange(mt5.Orders.Select(order => order.GetProperty("request_id").GetUInt64()));
            await mt5.DisposeAsync();
        }

        // MT5 executes the request while the core is down.
        var inFlight = Assert.Single(account.InFlight);
        Assert.NotNull(account.Complete(inFlight, execute: true));

        await using (var restarted = Start(data.Path, bridgePort))
        {
            using var channel = GrpcChannel.ForAddress(restarted.Address);
            var orders = await ReadyAsync(channel, restarted, data.Path);
            var trader = await ServerProcess.TraderAsync(channel, data.Path);
            await using var mt5 = await ConnectAsync(bridgePort, account, trader);
            await Eventually(async () => (await orders.GetOrderAsync(new GetOrderRequest { AccountId = Account, ClientOrderId = "in-flight" }, cancellationToken: Token)).Order.State == OrderState.Filled);

            foreach (var reply in acknowledged)
            {
                var stored = (await orders.GetOrderAsync(new GetOrderRequest { AccountId = Account, OrderTicket = reply.Result.OrderTicket }, cancellationToken: Token)).Order;
                Assert.Equal(OrderState.Filled, stored.State);
            }

            // Each core ticket reached MT5 once, none after the restart; a retry is the stored order.
            Assert.Equal(sent.Count, sent.Distinct().Count());
            Assert.Equal(acknowledged.Count, sent.Count);
            var retry = await orders.SubmitOrderAsync(Market(OrderType.Buy, 0.3m, "in-flight"), cancellationToken: Token);
            Assert.True(retry.Result.Duplicate);
            await Task.Delay(300, Token);
            Assert.Empty(mt5.Orders);

            // The account is MT5's: one netting position of 0.8 lots, MT5's balance.
            var positions = new Positions.PositionsClient(trader);
            var position = Assert.Single((await positions.ListPositionsAsync(new ListPositionsRequest { AccountId = Account }, cancellationToken: Token)).Positions);
            Assert.Equal(0.8m, position.Volume.ToDecimal());
            var accounts = new Accounts.AccountsClient(trader);
            Assert.Equal(account.Balance, (await accounts.GetAccountAsync(new GetAccountRequest { AccountId = Account }, cancellationToken: Token)).Account.Balance.ToDecimal());
        }
    }
}
