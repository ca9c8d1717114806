using System.Net;
using System.Net.Sockets;
using Grpc.Health.V1;
using TradingCore.Contracts.V1;
using static TradingCore.Testing.Wire;

namespace TradingCore.Tests;

/// <summary>A fake MT5 terminal drives ticks through the real bridge listener of the real host to gRPC subscribers.</summary>
public sealed class BridgeEndToEndTests
{
    private const long Login = 5012345;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static int FreePort() => BridgeTerminal.FreePort();

    private static CoreServer Start(TempDirectory data, int port) => new(data.Path, feed: "Bridge", settings: BridgeTerminal.Settings(port));

    private static Task<FakeTerminal> Connect(int port) => BridgeTerminal.ConnectAsync(port);

    [Fact]
    public async Task TerminalTicks_ReachSubscribers_AndItsDisconnectStopsMarketOrders()
    {
        using var data = new TempDirectory();
        var port = FreePort();
        await using var server = Start(data, port);
        var health = new Health.HealthClient(server.Channel);
        await Eventually(async () => await Status(health, $"feed/bridge:{Login}") == HealthCheckResponse.Types.ServingStatus.NotServing);

        await using var terminal = await Connect(port);
        await terminal.SymbolAsync("EURUSD");
        await terminal.SymbolAsync("GER40.cash", digits: 1, tickSize: "0.1");
        using var stream = server.MarketData.StreamTicks(new StreamTicksRequest { Symbols = { "EURUSD" } }, cancellationToken: Token);
        await Within(stream.ResponseHeadersAsync);
        Assert.True(await Within(stream.ResponseStream.MoveNext(Token)));
        Assert.Equal(StreamTicksResponse.PayloadOneofCase.SnapshotComplete, stream.ResponseStream.Current.PayloadCase);

        await terminal.TickAsync("EURUSD", 1_785_327_812_476, "1.08412", "1.08415");
        var tick = await NextTick(stream.ResponseStream);
        Assert.Equal((1.08412m, 1.08415m, 1UL), (tick.Bid.ToDecimal(), tick.Ask.ToDecimal(), tick.Sequence));
        Assert.Equal(1_785_327_812_476 - 7_200_000, tick.TimeMs);

        // The announced symbol joined the catalog; the quote is tradable.
        Assert.Contains((await server.MarketData.ListSymbolsAsync(new ListSymbolsRequest(), cancellationToken: Token)).Symbols, symbol => symbol.Name == "GER40.cash");
        var buy = await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.1m, "bridge-1"), cancellationToken: Token);
        Assert.Equal((TradeRetcode.Done, 1.08415m), (buy.Result.Retcode, buy.Result.Price.ToDecimal()));
        await Eventually(async () => await Status(health, $"feed/bridge:{Login}") == HealthCheckResponse.Types.ServingStatus.Serving);

        terminal.Abort();

        var status = await NextStatus(stream.ResponseStream, "EURUSD");
        Assert.Equal(FeedStatus.Types.State.Disconnected, status.State);
        var refused = await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.1m, "bridge-2"), cancellationToken: Token);
        Assert.Equal(TradeRetcode.PriceOff, refused.Result.Retcode);
        await Eventually(async () => await Status(health, "trading.v1.MarketData/EURUSD") == HealthCheckResponse.Types.ServingStatus.NotServing);

        // The terminal comes back, resumes, and trading on fresh quotes works again.
        await using var again = await Connect(port);
        await again.SymbolAsync("EURUSD");
        await again.TickAsync("EURUSD", 1_785_327_813_000, "1.08420", "1.08423");
        Assert.Equal(2UL, (await NextTick(stream.ResponseStream)).Sequence);
        Assert.Equal(TradeRetcode.Done, (await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.1m, "bridge-3"), cancellationToken: Token)).Result.Retcode);
    }

    [Fact]
    public async Task AnOperatorsSymbolSpecification_IsNotUndoneByTheTerminalsNextAnnouncement_UntilReleased()
    {
        using var data = new TempDirectory();
        var port = FreePort();
        await using var server = Start(data, port);
        var admin = new Admin.AdminClient(await server.InvokerForAsync(server.AdminKey));
        await using (var first = await Connect(port))
        {
            await first.SymbolAsync("EURUSD");
            await TickAndWaitAsync(server, first, 1_785_327_812_000, "1.08412");
        }

        // The operator stops trading EURUSD.
        var spec = (await server.MarketData.GetSymbolAsync(new GetSymbolRequest { Symbol = "EURUSD" }, cancellationToken: Token)).Symbol.Clone();
        spec.TradeMode = SymbolTradeMode.Disabled;
        await admin.UpsertSymbolAsync(new UpsertSymbolRequest { Spec = spec }, cancellationToken: Token);

        // The terminal reconnects and announces EURUSD with trade mode FULL, as terminals do on every connect.
        await using var again = await Connect(port);
        await again.SymbolAsync("EURUSD");
        await TickAndWaitAsync(server, again, 1_785_327_813_000, "1.08420");
        var kept = (await admin.ListSymbolsAsync(new AdminListSymbolsRequest(), cancellationToken: Token)).Symbols.Single(symbol => symbol.Spec.Name == "EURUSD");
        var refused = await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.1m, "pinned-1"), cancellationToken: Token);

        // Released, the next announcement applies again.
        var released = await admin.ReleaseSymbolAsync(new ReleaseSymbolRequest { Symbol = "EURUSD" }, cancellationToken: Token);
        await again.SymbolAsync("EURUSD");
        await TickAndWaitAsync(server, again, 1_785_327_814_000, "1.08430");
        var applied = (await admin.ListSymbolsAsync(new AdminListSymbolsRequest(), cancellationToken: Token)).Symbols.Single(symbol => symbol.Spec.Name == "EURUSD");
        var traded = await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.1m, "pinned-2"), cancellationToken: Token);

        Assert.Equal((SymbolTradeMode.Disabled, true), (kept.Spec.TradeMode, kept.OperatorPinned));
        Assert.Equal(TradeRetcode.TradeDisabled, refused.Result.Retcode);
        Assert.False(released.Symbol.OperatorPinned);
        Assert.Equal((SymbolTradeMode.Full, false), (applied.Spec.TradeMode, applied.OperatorPinned));
        Assert.Equal(TradeRetcode.Done, traded.Result.Retcode);
    }

    /// <summary>Sends a tick after whatever the terminal sent before, and waits until the core has it: everything before it was processed.</summary>
    private static async Task TickAndWaitAsync(CoreServer server, FakeTerminal terminal, long timeMsc, string bid)
    {
        await terminal.TickAsync("EURUSD", timeMsc, bid, (decimal.Parse(bid, System.Globalization.CultureInfo.InvariantCulture) + 0.00003m).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Eventually(async () => (await server.MarketData.GetLastTicksAsync(new GetLastTicksRequest { Symbols = { "EURUSD" } }, cancellationToken: Token)).Ticks.SingleOrDefault()?.Bid.ToDecimal() == decimal.Parse(bid, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>A service's health; null until the reporter registered the name (it runs four times a second).</summary>
    private static async Task<HealthCheckResponse.Types.ServingStatus?> Status(Health.HealthClient health, string service)
    {
        try
        {
            return (await health.CheckAsync(new HealthCheckRequest { Service = service }, cancellationToken: Token)).Status;
        }
        catch (global::Grpc.Core.RpcException error) when (error.StatusCode == global::Grpc.Core.StatusCode.NotFound)
        {
            return null;
        }
    }

    private static async Task<Tick> NextTick(global::Grpc.Core.IAsyncStreamReader<StreamTicksResponse> stream)
    {
        while (await Within(stream.MoveNext(Token)))
        {
            if (stream.Current.PayloadCase == StreamTicksResponse.PayloadOneofCase.Tick)
            {
                return stream.Current.Tick;
            }
        }

        throw new InvalidOperationException("the stream ended");
    }

    private static async Task<FeedStatus> NextStatus(global::Grpc.Core.IAsyncStreamReader<StreamTicksResponse> stream, string symbol)
    {
        while (await Within(stream.MoveNext(Token)))
        {
            if (stream.Current.PayloadCase == StreamTicksResponse.PayloadOneofCase.Status && stream.Current.Status.Symbol == symbol)
            {
                return stream.Current.Status;
            }
        }

        throw new InvalidOperationException("the stream ended");
    }
}
