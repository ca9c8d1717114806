using Grpc.Core;
using Grpc.Net.Client;
using TradingCore.Contracts.V1;
using static TradingCore.Testing.Wire;

namespace TradingCore.Tests;

/// <summary>At SIGTERM every open stream of the real process ends with UNAVAILABLE (reconnect and resume), never CANCELLED.</summary>
public sealed class ShutdownTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sigterm_EndsEveryKindOfOpenStreamWithUnavailable()
    {
        using var data = new TempDirectory();
        await using var server = ServerProcess.Start(data.Path, "--TradingCore:Feed:Kind=Synthetic", "--TradingCore:Feed:Synthetic:IntervalMs=5");
        using var channel = GrpcChannel.ForAddress(server.Address);
        await EndToEndTests.WaitUntilServing(channel, server);
        var trader = await ServerProcess.TraderAsync(channel, data.Path);
        var marketData = new MarketData.MarketDataClient(trader);
        var orders = new Orders.OrdersClient(trader);
        await Eventually(async () => (await marketData.GetLastTicksAsync(new GetLastTicksRequest { Symbols = { "EURUSD" } }, cancellationToken: Token)).Ticks.Count == 1);

        var endings = new List<Task<StatusCode>>();
        for (var index = 0; index < 4; index++)
        {
            var events = orders.StreamTradeEvents(new StreamTradeEventsRequest { AccountId = CoreServer.DemoAccount, ResumeAfterSequence = 0 }, cancellationToken: Token);
            await events.ResponseHeadersAsync;
            endings.Add(Drain(events.ResponseStream, events));
            var ticks = marketData.StreamTicks(new StreamTicksRequest(), cancellationToken: Token);
            await ticks.ResponseHeadersAsync;
            endings.Add(Drain(ticks.ResponseStream, ticks));
        }

        var bars = marketData.StreamBars(new StreamBarsRequest { Symbol = "EURUSD", Timeframe = Timeframe.M1 }, cancellationToken: Token);
        await bars.ResponseHeadersAsync;
        endings.Add(Drain(bars.ResponseStream, bars));
        var session = orders.TradeSession(cancellationToken: Token);
        await session.RequestStream.WriteAsync(new TradeSessionRequest { RequestId = 1, Open = new TradeSessionOpen { AccountId = CoreServer.DemoAccount } }, Token);
        Assert.True(await session.ResponseStream.MoveNext(Token));
        endings.Add(Drain(session.ResponseStream, session));

        // Events keep flowing while the server stops.
        using var trading = new CancellationTokenSource();
        var flow = Task.Run(async () =>
        {
            for (var index = 0; !trading.IsCancellationRequested; index++)
            {
                try
                {
                    await orders.SubmitOrderAsync(Market(index % 2 == 0 ? OrderType.Buy : OrderType.Sell, 0.01m, $"flow-{index}"), cancellationToken: trading.Token);
                }
                catch (RpcException)
                {
                    return;
                }
            }
        }, Token);
        await Task.Delay(200, Token);

        await server.StopGracefullyAsync(TimeSpan.FromSeconds(30));
        trading.Cancel();
        await flow.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);

        var statuses = await Task.WhenAll(endings);
        TestContext.Current.TestOutputHelper?.WriteLine(server.Output);
        Assert.All(statuses, status => Assert.Equal(StatusCode.Unavailable, status));
        Assert.Equal(0, server.ExitCode);
    }

    /// <summary>Reads a stream to its end and returns the status it ended with.</summary>
    private static async Task<StatusCode> Drain<T>(IAsyncStreamReader<T> stream, IDisposable call)
    {
        using (call)
        {
            try
            {
                while (await stream.MoveNext(CancellationToken.None))
                {
                }

                return StatusCode.OK;
            }
            catch (RpcException error)
            {
                return error.StatusCode;
            }
        }
    }
}
