using TradingCore.Contracts.V1;
using TradingCore.Samples.MaCrossover;
using TradingCore.Samples.TickRecorder;
using TradingCore.Mt5Feed.Replay;

namespace TradingCore.Client.Tests;

/// <summary>The sample bots: their pure logic worked by hand, and each run against a real server.</summary>
public sealed class SampleBotTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void Crossover_SignalsOnlyWhenTheFastAverageCrossesTheSlowOne()
    {
        // SMA(2) vs SMA(3), worked by hand:
        // close 1,1,1 -> 1 vs 1 (equal: no state); 2 -> 1.5 vs 1.333 (above: first state, no signal);
        // 3 -> 2.5 vs 2; 2 -> 2.5 vs 2.333; 1 -> 1.5 vs 2 (below: SELL); 0 -> 0.5 vs 1; 3 -> 1.5 vs 1.333 (above: BUY).
        var strategy = new CrossoverStrategy(fast: 2, slow: 3);

        var signals = new[] { 1m, 1m, 1m, 2m, 3m, 2m, 1m, 0m, 3m }.Select(strategy.OnClose).ToArray();

        Assert.Equal([null, null, null, null, null, null, Signal.Sell, null, Signal.Buy], signals);
        Assert.Equal((1.5m, 4m / 3m), strategy.Averages);
    }

    [Fact]
    public void CloseSampler_EmitsTheLastMidOfEachBucketWhenTheNextOneStarts()
    {
        var sampler = new CloseSampler(TimeSpan.FromSeconds(1));

        Assert.Null(sampler.OnTick(10_000, 1.0m));
        Assert.Null(sampler.OnTick(10_500, 1.1m));
        Assert.Equal(1.1m, sampler.OnTick(11_000, 1.2m));
        Assert.Equal(1.2m, sampler.OnTick(15_000, 1.3m));
        Assert.Null(sampler.OnTick(14_999, 9m));
        Assert.Null(sampler.OnTick(15_999, 1.4m));
        Assert.Equal(1.4m, sampler.OnTick(16_000, 1.5m));
    }

    [Fact]
    public async Task MaCrossoverBot_TradesTheCrossesAgainstARealServer()
    {
        using var data = new TempDirectory();
        await using var server = await KestrelServer.StartAsync(data.Path);
        using var client = new TradingCoreClient(new TradingCoreClientOptions { Address = server.Address, ApiKeyId = server.TraderKey.KeyId, ApiKeySecret = server.TraderKey.Secret });
        var settings = new BotSettings { Symbol = "EURUSD", Volume = 0.10m, Fast = 2, Slow = 3, Bucket = TimeSpan.FromSeconds(1), MaxTrades = 2, RunId = "test" };
        using var log = new StringWriter();
        var writer = TextWriter.Synchronized(log);
        var bot = new CrossoverBot(client, settings, writer);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var running = bot.RunAsync(timeout.Token);
        await Eventually(() => Read(writer, log).Contains("ma-crossover: streaming", StringComparison.Ordinal), seconds: 30);

        // One tick per second: each tick closes the previous second with its mid (the closes of the test above,
        // as 1.1000 + close/1000), and the tick after the last close ends it.
        var start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000 * 1000;
        var closes = new[] { 1m, 1m, 1m, 2m, 3m, 2m, 1m, 0m, 3m, 3m };
        for (var second = 0; second < closes.Length; second++)
        {
            var mid = 1.10000m + (closes[second] / 1000m);
            await server.QuoteAsync("EURUSD", mid - 0.00005m, mid + 0.00005m, start + (second * 1000));
        }

        await running.WaitAsync(timeout.Token);

        Assert.Equal(2, bot.Trades);
        var position = Assert.Single(await client.ListPositionsAsync(1001, "EURUSD", Token));
        Assert.Equal((PositionType.Buy, 0.10m), (position.Type, position.Volume.ToDecimal()));
        var sell = await client.GetOrderAsync(1001, "ma-test-1", Token);
        var buy = await client.GetOrderAsync(1001, "ma-test-2", Token);
        Assert.Equal((OrderType.Sell, 0.10m), (sell.Type, sell.VolumeInitial.ToDecimal()));
        Assert.Equal((OrderType.Buy, 0.20m), (buy.Type, buy.VolumeInitial.ToDecimal()));
        Assert.Contains("Sell signal", log.ToString(), StringComparison.Ordinal);
        Assert.Contains("warming up: 1 of 3 closes", log.ToString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// On a hedging account a buy signal first closes what it holds, a long included: that close is a sale, and the
    /// log says so (it used to log every order of a signal with the signal's side).
    /// </summary>
    [Fact]
    public async Task MaCrossoverBot_LogsTheSideEachOrderTraded_OnAHedgingAccount()
    {
        using var data = new TempDirectory();
        await using var server = await KestrelServer.StartAsync(data.Path, ("EURUSD", 1.10195m, 1.10205m), new Dictionary<string, string> { ["TradingCore:DemoAccount:MarginMode"] = "RetailHedging" });
        using var client = new TradingCoreClient(new TradingCoreClientOptions { Address = server.Address, ApiKeyId = server.TraderKey.KeyId, ApiKeySecret = server.TraderKey.Secret });
        var held = await client.SubmitMarketOrderAsync(1001, "EURUSD", OrderType.Buy, 0.05m, "held-long", Token);
        var settings = new BotSettings { Symbol = "EURUSD", Volume = 0.10m, Fast = 2, Slow = 3, Bucket = TimeSpan.FromSeconds(1), MaxTrades = 1, RunId = "hedge" };
        using var log = new StringWriter();
        var writer = TextWriter.Synchronized(log);
        var bot = new CrossoverBot(client, settings, writer);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var running = bot.RunAsync(timeout.Token);
        await Eventually(() => Read(writer, log).Contains("ma-crossover: streaming", StringComparison.Ordinal), seconds: 30);

        // Falling closes order the averages (fast below slow), then rising ones cross them: a BUY.
        var start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000 * 1000;
        var closes = new[] { 2m, 2m, 2m, 1m, 0m, 1m, 2m, 2m };
        for (var second = 0; second < closes.Length && !running.IsCompleted; second++)
        {
            var mid = 1.10000m + (closes[second] / 1000m);
            await server.QuoteAsync("EURUSD", mid - 0.00005m, mid + 0.00005m, start + (second * 1000));
        }

        await running.WaitAsync(timeout.Token);

        var text = log.ToString();
        Assert.Contains($"Buy signal", text, StringComparison.Ordinal);
        Assert.Contains($"sold 0.05 to close position {held.Result.PositionTicket}", text, StringComparison.Ordinal);
        Assert.Contains("bought 0.1 at", text, StringComparison.Ordinal);
        Assert.Contains("averages ready; waiting", text, StringComparison.Ordinal);
        var position = Assert.Single(await client.ListPositionsAsync(1001, "EURUSD", Token));
        Assert.Equal((PositionType.Buy, 0.10m), (position.Type, position.Volume.ToDecimal()));
    }

    [Fact]
    public async Task TickRecorder_WritesAnMt5ExportThatTheReplayParserReadsBack()
    {
        using var data = new TempDirectory();
        await using var server = await KestrelServer.StartAsync(data.Path);
        using var client = new TradingCoreClient(new TradingCoreClientOptions { Address = server.Address, ApiKeyId = server.TraderKey.KeyId, ApiKeySecret = server.TraderKey.Secret });
        var output = Path.Combine(data.Path, "recorded");
        using var log = new StringWriter();
        var writer = TextWriter.Synchronized(log);
        var recorder = new Recorder(client, new RecorderSettings { Symbols = ["EURUSD"], Directory = output, MaxTicks = 3, ServerUtcOffsetSeconds = 7200 }, writer);
        var running = recorder.RunAsync(Token);

        // Ticks count from the first one after the stream's snapshot (a tick racing the snapshot is in it, not after it).
        await Eventually(() => Read(writer, log).Contains("tick-recorder: recording EURUSD", StringComparison.Ordinal), seconds: 30);

        var start = new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        await server.QuoteAsync("EURUSD", 1.10001m, 1.10011m, start);
        await server.QuoteAsync("EURUSD", 1.10002m, 1.10012m, start + 1_250);
        await server.QuoteAsync("EURUSD", 1.10003m, 1.10013m, start + 61_000);
        var files = await running.WaitAsync(TimeSpan.FromSeconds(30), Token);

        var file = Assert.Single(files);
        Assert.Equal("EURUSD_202611261200_202611261201.csv", Path.GetFileName(file));
        var lines = File.ReadAllLines(file);
        Assert.Equal("<DATE>\t<TIME>\t<BID>\t<ASK>\t<LAST>\t<VOLUME>\t<FLAGS>", lines[0]);
        Assert.Equal("2026.11.26\t12:00:00.000\t1.10001\t1.10011\t\t\t6", lines[1]);
        var rows = lines.Skip(1).Select(line => Mt5TickExportParser.TryParse(line, out var row, out var error) ? row : throw new InvalidOperationException(error)).ToList();
        Assert.Equal([1.10001m, 1.10002m, 1.10003m], rows.Select(row => row.Bid!.Value));
        Assert.Equal(start + 61_000 + 7_200_000, rows[^1].ServerTimeMs);
    }

    /// <summary>What a sample wrote so far (read under the synchronized writer's lock, as the sample writes under it).</summary>
    private static string Read(TextWriter writer, StringWriter log)
    {
        lock (writer)
        {
            return log.ToString();
        }
    }
}
