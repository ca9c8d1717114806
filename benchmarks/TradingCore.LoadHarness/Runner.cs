using System.Globalization;
using Grpc.Core;
using TradingCore.Contracts.V1;

namespace TradingCore.LoadHarness;

/// <summary>The scenarios of docs/benchmarks.md, each measured on fresh server processes.</summary>
internal sealed partial class Runner(HarnessOptions options, List<ScenarioResult> results)
{
    private const int UnaryConcurrency = 64;
    private const int Sessions = 4;
    private const int SessionWindow = 128;
    private int _runs;

    public async Task OrdersAsync()
    {
        await using (var echo = await ServerHandle.StartEchoAsync())
        {
            await WarmUpAsync(echo);
            await UnaryMaxAsync(echo, "orders-throughput", "echo unary");
            await SessionMaxAsync(echo, "orders-throughput", "echo bidi");
        }

        foreach (var writer in new[] { "Sqlite", "None" })
        {
            var label = writer == "Sqlite" ? "core unary (durable)" : "core unary (persistence off)";
            await using var core = await ServerHandle.StartCoreAsync(options.CoreDll, "Synthetic", writer);
            await WarmUpAsync(core);
            var coreMax = (await UnaryMaxAsync(core, "orders-throughput", label)).PerSecond;
            await SessionMaxAsync(core, "orders-throughput", writer == "Sqlite" ? "core bidi (durable)" : "core bidi (persistence off)");
            if (writer == "Sqlite")
            {
                await OpenLoopAsync(core, "orders-latency", $"{label} @ own max/2", coreMax / 2);
            }
        }
    }

    /// <summary>
    /// Echo and core at one open-loop rate both sustain (--rate, default 8,000/s), so their percentiles compare
    /// like for like. (Half the echo's closed-loop maximum is beyond what one open-loop sender thread sharing two
    /// cores with the server can schedule: docs/benchmarks.md.)
    /// </summary>
    public async Task SameRateLatencyAsync()
    {
        var rate = options.Rate;
        await using (var echo = await ServerHandle.StartEchoAsync())
        {
            await WarmUpAsync(echo);
            await OpenLoopAsync(echo, "orders-latency", "echo unary", rate);
        }

        foreach (var writer in new[] { "Sqlite", "None" })
        {
            await using var core = await ServerHandle.StartCoreAsync(options.CoreDll, "Synthetic", writer);
            await WarmUpAsync(core);
            await OpenLoopAsync(core, "orders-latency", writer == "Sqlite" ? "core unary (durable ack)" : "core unary (persistence off)", rate);
        }
    }

    public async Task FanOutAsync()
    {
        const double Rate = 1_000;
        foreach (var core in new[] { false, true })
        {
            await using var server = core ? await ServerHandle.StartCoreAsync(options.CoreDll, "Bridge", "Sqlite") : await ServerHandle.StartEchoAsync();
            var name = core ? "core" : "bare stream";
            using var channel = server.CreateChannel();
            var invoker = await server.TraderAsync(channel);
            await TickLoad.FanOutAsync(server, invoker, core, 8, 2_000, TimeSpan.FromSeconds(5), stalled: false);
            foreach (var subscribers in new[] { 1, 8, 64 })
            {
                await FanOutOnceAsync(server, invoker, core, "fanout-latency", $"{name}, {subscribers} sub @ {Rate:N0}/s", subscribers, Rate, stalled: false);
                await FanOutOnceAsync(server, invoker, core, "fanout-throughput", $"{name}, {subscribers} sub, max rate", subscribers, 0, stalled: false);
            }

            await FanOutOnceAsync(server, invoker, core, "fanout-latency", $"{name}, 8 sub + 1 stalled @ {Rate:N0}/s", 8, Rate, stalled: true);
            if (core)
            {
                await StalledOrdersAsync(server, invoker);
            }
        }
    }

    public async Task SteadyGcAsync()
    {
        // The same open loop against the echo host first: the core's tail is judged against the transport's own.
        await using (var echo = await ServerHandle.StartEchoAsync())
        {
            using var echoChannel = echo.CreateChannel();
            await SteadyOnceAsync(echo, echoChannel.CreateCallInvoker(), "echo, steady 500/s", gc: false);
        }

        await using var core = await ServerHandle.StartCoreAsync(options.CoreDll, "Synthetic", "Sqlite");
        using var channel = core.CreateChannel();
        await SteadyOnceAsync(core, await core.TraderAsync(channel), "steady orders 500/s", gc: true);
    }

    /// <summary>500 orders/s open loop: 10 s of warm-up, then the measured run (with the server's GC counts when <paramref name="gc"/>).</summary>
    private async Task SteadyOnceAsync(ServerHandle server, CallInvoker invoker, string name, bool gc)
    {
        var load = new OrderLoad(invoker, Run("gc"));
        await load.UnaryOpenLoopAsync(500, TimeSpan.FromSeconds(10));
        var before = gc ? await GcAsync(server) : default;
        var slowBefore = gc ? await SlowSubmitsAsync(server) : 0;
        var cpu = server.CpuTime;
        var measured = await load.UnaryOpenLoopAsync(500, options.Gc);
        var after = gc ? await GcAsync(server) : default;
        var slow = gc ? await SlowSubmitsAsync(server) - slowBefore : 0;
        results.Add(new ScenarioResult
        {
            Group = "gc",
            Name = $"{name} for {options.Gc.TotalSeconds:0} s after warm-up",
            Completed = measured.Completed,
            Seconds = options.Gc.TotalSeconds,
            TargetRate = 500,
            Latency = measured.Latency.Summary(),
            ServerCpuMicrosPerMessage = CpuPerMessage(server, cpu, measured.Completed),
            Extra = gc
                ? new()
                {
                    ["gen0_collections"] = after.Gen0 - before.Gen0,
                    ["gen1_collections"] = after.Gen1 - before.Gen1,
                    ["gen2_collections"] = after.Gen2 - before.Gen2,
                    ["working_set_mb_end"] = Math.Round(after.WorkingSet / 1_048_576, 1),
                    ["heap_mb_end"] = Math.Round(after.Heap / 1_048_576, 1),
                    ["server_submits_over_25ms"] = slow,
                }
                : [],
        });
        Print(results[^1]);
    }

    public async Task MixedAsync()
    {
        await using var core = await ServerHandle.StartCoreAsync(options.CoreDll, "Bridge", "Sqlite");
        using var channel = core.CreateChannel();
        var invoker = await core.TraderAsync(channel);
        using var stop = new CancellationTokenSource();
        var events = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            long count = 0;
            try
            {
                using var call = new Orders.OrdersClient(invoker).StreamTradeEvents(new StreamTradeEventsRequest { AccountId = 1001 }, cancellationToken: stop.Token);
                while (await call.ResponseStream.MoveNext(stop.Token))
                {
                    count++;
                }
            }
            catch (Exception error) when (error is OperationCanceledException or Grpc.Core.RpcException)
            {
            }

            return count;
        })).ToArray();
        var before = await GcAsync(core);
        var cpu = core.CpuTime;
        var orders = new OrderLoad(invoker, Run("mixed"));
        var ticks = TickLoad.FanOutAsync(core, invoker, core: true, subscribers: 8, rate: 1_000, options.Mixed, stalled: false);
        await Task.Delay(2_000);
        var ordered = await orders.UnaryOpenLoopAsync(200, options.Mixed - TimeSpan.FromSeconds(4));
        var fanned = await ticks;
        var after = await GcAsync(core);
        await stop.CancelAsync();
        var eventCount = (await Task.WhenAll(events)).Sum();
        var seconds = options.Mixed.TotalSeconds;
        results.Add(new ScenarioResult
        {
            Group = "mixed",
            Name = $"orders 200/s (+ticks 1000/s to 8 subs, 4 event streams), {seconds:0} s",
            Completed = ordered.Completed,
            Seconds = seconds - 4,
            TargetRate = 200,
            Latency = ordered.Latency.Summary(),
            ServerCpuMicrosPerMessage = (core.CpuTime - cpu).TotalMicroseconds / Math.Max(1, ordered.Completed + fanned.Sent),
            Extra = new()
            {
                ["orders_failed"] = ordered.Failed,
                ["ticks_sent"] = fanned.Sent,
                ["ticks_delivered"] = fanned.Delivered,
                ["tick_p99_us"] = fanned.Latency.Summary().P99,
                ["tick_max_us"] = fanned.Latency.Summary().Max,
                ["trade_events_received"] = eventCount,
                ["gen0_collections"] = after.Gen0 - before.Gen0,
                ["gen1_collections"] = after.Gen1 - before.Gen1,
                ["gen2_collections"] = after.Gen2 - before.Gen2,
                ["working_set_mb_start"] = Math.Round(before.WorkingSet / 1_048_576, 1),
                ["working_set_mb_end"] = Math.Round(after.WorkingSet / 1_048_576, 1),
                ["server_cpu_percent"] = Math.Round((core.CpuTime - cpu).TotalSeconds / seconds * 100, 1),
            },
        });
        Print(results[^1]);
    }

    /// <summary>
    /// An authenticated bot's orders at 500/s, open loop: quiet, while 8 anonymous clients try wrong secrets at 12
    /// logins/s each (the flood that took the bot's p99 from 7 ms to 800 ms when secrets were PBKDF2-hashed), and
    /// while they try as fast as the server answers. Three interleaved rounds per variant on one core process; each
    /// variant's histograms are pooled, so the comparison is not one noisy window against another.
    /// </summary>
    /// <summary>Issue 19: ticks with 10,000 accounts holding the symbol, through the server.</summary>
    public async Task ScalingAsync()
    {
        await using (var core = await ServerHandle.StartCoreAsync(options.CoreDll, "Bridge", "Sqlite"))
        {
            foreach (var result in await Scaling.RunAsync(core, options.Measure))
            {
                Add(result);
            }
        }

        if (Scaling.Part("history"))
        {
            await HistoryAsync();
        }
    }

    /// <summary>Restart and history pages at 1,000,000 stored orders (part of 'scaling'; alone as 'history').</summary>
    public async Task HistoryAsync()
    {
        foreach (var result in await HistoryScale.RunAsync(options.CoreDll))
        {
            Add(result);
        }
    }

    public async Task LoginFloodAsync()
    {
        const double Rate = 500;
        const int Clients = 8;
        const int Rounds = 3;
        await using var core = await ServerHandle.StartCoreAsync(options.CoreDll, "Synthetic", "Sqlite");
        await WarmUpAsync(core);
        using var channel = core.CreateChannel();
        var bot = new OrderLoad(await core.TraderAsync(channel), Run("login-bot"));
        await bot.UnaryOpenLoopAsync(Rate, TimeSpan.FromSeconds(5));
        using var credentials = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(core.DataDirectory!, "bootstrap-credentials.json")));
        var keyId = credentials.RootElement.GetProperty("trader_key_id").GetString()!;
        (string Name, double PerClient)[] variants = [("quiet", -1), ($"{Clients} clients x 12 wrong logins/s", 12), ($"{Clients} clients, wrong logins as fast as answered", 0)];
        var pooled = variants.ToDictionary(variant => variant.Name, _ => (Latency: new Latency(), Completed: 0L, Failed: 0L, Attempts: 0L, BackedOff: 0L, Cpu: TimeSpan.Zero));
        for (var round = 0; round < Rounds; round++)
        {
            foreach (var (name, perClient) in variants)
            {
                await SettleAsync(core);
                var cpu = core.CpuTime;
                var flood = perClient >= 0 ? LoginFlood.RunAsync(core.Address, keyId, Clients, perClient, options.Measure + TimeSpan.FromSeconds(2)) : null;
                if (flood is not null)
                {
                    await Task.Delay(1_000);
                }

                var measured = await bot.UnaryOpenLoopAsync(Rate, options.Measure);
                var logins = flood is null ? default : await flood;
                var sum = pooled[name];
                sum.Latency.Add(measured.Latency);
                pooled[name] = (sum.Latency, sum.Completed + measured.Completed, sum.Failed + measured.Failed, sum.Attempts + logins.Attempts, sum.BackedOff + logins.BackedOff, sum.Cpu + (core.CpuTime - cpu));
            }
        }

        var quietP99 = pooled["quiet"].Latency.Summary().P99;
        foreach (var (name, _) in variants)
        {
            var sum = pooled[name];
            var seconds = options.Measure.TotalSeconds * Rounds;
            var summary = sum.Latency.Summary();
            Add(new ScenarioResult
            {
                Group = "login-flood",
                Name = $"bot orders {Rate:N0}/s, {name} ({Rounds} x {options.Measure.TotalSeconds:0} s pooled)",
                Completed = sum.Completed,
                Seconds = seconds,
                TargetRate = Rate,
                Latency = summary,
                ServerCpuMicrosPerMessage = sum.Cpu.TotalMicroseconds / Math.Max(1, sum.Completed),
                Extra = new()
                {
                    ["failed"] = sum.Failed,
                    ["p99_vs_quiet"] = Math.Round(summary.P99 / quietP99, 3),
                    ["login_attempts_per_s"] = Math.Round(sum.Attempts / ((options.Measure.TotalSeconds + 2) * Rounds), 0),
                    ["logins_refused_by_backoff_or_rate_limit"] = sum.BackedOff,
                    ["server_cpu_percent"] = Math.Round(sum.Cpu.TotalSeconds / seconds * 100, 1),
                },
            });
        }
    }
}
