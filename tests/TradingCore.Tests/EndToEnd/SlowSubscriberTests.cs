using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using TradingCore.Contracts.V1;
using static TradingCore.Testing.Wire;

namespace TradingCore.Tests;

/// <summary>
/// Subscribers that never read cannot hurt anyone: against the real process fed as fast as the engine accepts
/// (a looping replay at full speed), twenty tick streams that are never read sit beside one that reads. The
/// reader keeps receiving current ticks, orders keep executing, and the server's memory stays bounded.
/// </summary>
public sealed class SlowSubscriberTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task NonReadingSubscribers_DoNotStarveOthersOrGrowMemory()
    {
        using var data = new TempDirectory();
        var recording = Path.Combine(data.Path, "EURUSD_replay.csv");
        await File.WriteAllLinesAsync(recording, [
            "<DATE>\t<TIME>\t<BID>\t<ASK>\t<LAST>\t<VOLUME>\t<FLAGS>",
            "2024.03.01\t09:30:00.000\t1.08500\t1.08510\t\t\t6",
            "2024.03.01\t09:30:00.001\t1.08501\t1.08511\t\t\t6",
            "2024.03.01\t09:30:00.002\t1.08502\t1.08512\t\t\t6",
            "2024.03.01\t09:30:00.003\t1.08501\t1.08511\t\t\t6",
        ], Token);
        await using var server = ServerProcess.Start(
            data.Path,
            "--TradingCore:Feed:Kind=Replay",
            $"--TradingCore:Feed:Replay:File={recording}",
            "--TradingCore:Feed:Replay:Speed=0",
            "--TradingCore:Feed:Replay:Loop=true",
            "--TradingCore:Auth:MaxStreamsPerKey=100");
        using var readerChannel = GrpcChannel.ForAddress(server.Address);
        await Eventually(async () => await TryHealthy(readerChannel), seconds: 60);
        var token = await Credentials.LoginAsync(readerChannel.CreateCallInvoker(), Credentials.ReadBootstrap(data.Path).Trader);

        // Twenty subscribers on their own connections (as separate bots would be) that never read.
        var stalled = new List<(GrpcChannel Channel, AsyncServerStreamingCall<StreamTicksResponse> Call)>();
        for (var index = 0; index < 20; index++)
        {
            var channel = GrpcChannel.ForAddress(server.Address);
            var policy = index % 2 == 0 ? TickDeliveryPolicy.Conflate : TickDeliveryPolicy.DropOldest;
            var call = new MarketData.MarketDataClient(Credentials.WithToken(channel.CreateCallInvoker(), token))
                .StreamTicks(new StreamTicksRequest { Symbols = { "EURUSD" }, Policy = policy, BufferSize = 256 }, cancellationToken: Token);
            await call.ResponseHeadersAsync;
            stalled.Add((channel, call));
        }

        var trader = Credentials.WithToken(readerChannel.CreateCallInvoker(), token);
        using var reading = new MarketData.MarketDataClient(trader).StreamTicks(new StreamTicksRequest { Symbols = { "EURUSD" } }, cancellationToken: Token);
        var received = 0L;
        var lastSequence = 0UL;
        var readLoop = Task.Run(async () =>
        {
            while (await reading.ResponseStream.MoveNext(Token))
            {
                if (reading.ResponseStream.Current.Tick is { } tick)
                {
                    Interlocked.Increment(ref received);
                    Interlocked.Exchange(ref lastSequence, tick.Sequence);
                }
            }
        }, Token);

        var orders = new Orders.OrdersClient(trader);
        var baseline = ResidentMegabytes(server);
        var startSequence = Interlocked.Read(ref lastSequence);
        var started = DateTime.UtcNow;
        for (var round = 0; DateTime.UtcNow - started < TimeSpan.FromSeconds(6); round++)
        {
            var before = Interlocked.Read(ref received);
            var reply = await orders.SubmitOrderAsync(Market(round % 2 == 0 ? OrderType.Buy : OrderType.Sell, 0.01m, $"slow-{round}"), deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: Token);
            Assert.Equal(TradeRetcode.Done, reply.Result.Retcode);
            await Eventually(() => Task.FromResult(Interlocked.Read(ref received) > before + 100), seconds: 10);
        }

        var grown = ResidentMegabytes(server) - baseline;
        var ticks = Interlocked.Read(ref lastSequence) - startSequence;
        TestContext.Current.SendDiagnosticMessage($"{ticks} ticks in 6 s, resident memory {baseline} MB -> +{grown} MB");
        Assert.True(grown < 150, $"resident memory grew by {grown} MB while the engine took {ticks} ticks with 20 stalled subscribers");
        // The replay floods as fast as it can; the engine conflates what it cannot apply tick by tick (a feed is never
        // held back), so the sequence counts applied ticks only: it must keep moving while 20 subscribers stall.
        Assert.True(ticks > 2_000, $"the engine applied only {ticks} ticks");

        foreach (var (channel, call) in stalled)
        {
            call.Dispose();
            channel.Dispose();
        }
    }

    private static async Task<bool> TryHealthy(GrpcChannel channel)
    {
        try
        {
            var status = await new global::Grpc.Health.V1.Health.HealthClient(channel).CheckAsync(new global::Grpc.Health.V1.HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(2), cancellationToken: Token);
            return status.Status == global::Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving;
        }
        catch (RpcException)
        {
            return false;
        }
    }

    /// <summary>VmRSS of the server process, MB (Linux /proc).</summary>
    private static long ResidentMegabytes(ServerProcess server)
    {
        var line = File.ReadLines($"/proc/{server.ProcessId}/status").First(entry => entry.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }
}
