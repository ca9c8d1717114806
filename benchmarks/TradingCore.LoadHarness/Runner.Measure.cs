using System.Globalization;
using TradingCore.Contracts.V1;

namespace TradingCore.LoadHarness;

/// <summary>The runner's measuring steps: warm-up, settling, closed and open loops, fan-out, GC and CPU readings, results.</summary>
internal sealed partial class Runner
{
    private async Task WarmUpAsync(ServerHandle server)
    {
        using var channel = server.CreateChannel();
        var load = new OrderLoad(await server.TraderAsync(channel), Run("warmup"));
        // Long enough for tiered JIT to settle on both sides (the first seconds of a fresh process run slower code).
        await load.UnaryClosedLoopAsync(UnaryConcurrency, TimeSpan.FromSeconds(8));
        await load.SessionClosedLoopAsync(Sessions, SessionWindow, TimeSpan.FromSeconds(4));
    }

    /// <summary>
    /// Waits until the server is idle (under 10% of a core for half a second, at most 30 s), so one scenario's
    /// backlog (journal batches still being written after a closed-loop burst) is not measured in the next.
    /// </summary>
    private static async Task SettleAsync(ServerHandle server)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var before = server.CpuTime;
            await Task.Delay(500);
            if ((server.CpuTime - before).TotalMilliseconds < 50)
            {
                return;
            }
        }
    }

    private async Task<ScenarioResult> UnaryMaxAsync(ServerHandle server, string group, string name, bool settle = true)
    {
        if (settle)
        {
            await SettleAsync(server);
        }
        using var channel = server.CreateChannel();
        var load = new OrderLoad(await server.TraderAsync(channel), Run("unary"));

        var cpu = server.CpuTime;
        var (completed, latency, rejected) = await load.UnaryClosedLoopAsync(UnaryConcurrency, options.Measure);
        return Add(new ScenarioResult
        {
            Group = group,
            Name = $"{name}, {UnaryConcurrency} in flight",
            Completed = completed,
            Seconds = options.Measure.TotalSeconds,
            Latency = latency.Summary(),
            ServerCpuMicrosPerMessage = CpuPerMessage(server, cpu, completed),
            Extra = new() { ["rejected"] = rejected },
        });
    }

    private async Task SessionMaxAsync(ServerHandle server, string group, string name)
    {
        await SettleAsync(server);
        using var channel = server.CreateChannel();
        var load = new OrderLoad(await server.TraderAsync(channel), Run("bidi"));
        var cpu = server.CpuTime;
        var (completed, latency, rejected) = await load.SessionClosedLoopAsync(Sessions, SessionWindow, options.Measure);
        Add(new ScenarioResult
        {
            Group = group,
            Name = $"{name}, {Sessions} sessions x {SessionWindow} in flight",
            Completed = completed,
            Seconds = options.Measure.TotalSeconds,
            Latency = latency.Summary(),
            ServerCpuMicrosPerMessage = CpuPerMessage(server, cpu, completed),
            Extra = new() { ["rejected"] = rejected },
        });
    }

    private async Task OpenLoopAsync(ServerHandle server, string group, string name, double rate)
    {
        await SettleAsync(server);
        using var channel = server.CreateChannel();
        var load = new OrderLoad(await server.TraderAsync(channel), Run("open"));
        var cpu = server.CpuTime;
        var measured = await load.UnaryOpenLoopAsync(rate, options.Measure);
        Add(new ScenarioResult
        {
            Group = group,
            Name = $"{name} ({rate:N0}/s)",
            Completed = measured.Completed,
            Seconds = options.Measure.TotalSeconds,
            TargetRate = rate,
            Latency = measured.Latency.Summary(),
            ServerCpuMicrosPerMessage = CpuPerMessage(server, cpu, measured.Completed),
            Extra = new() { ["rejected"] = measured.Rejected, ["failed"] = measured.Failed },
        });
    }

    private async Task FanOutOnceAsync(ServerHandle server, Grpc.Core.CallInvoker invoker, bool core, string group, string name, int subscribers, double rate, bool stalled)
    {
        var cpu = server.CpuTime;
        var (sent, delivered, seconds, latency) = await TickLoad.FanOutAsync(server, invoker, core, subscribers, rate, options.Measure, stalled);
        Add(new ScenarioResult
        {
            Group = group,
            Name = name,
            Completed = delivered,
            Seconds = seconds,
            TargetRate = rate * subscribers,
            Latency = latency.Summary(),
            ServerCpuMicrosPerMessage = CpuPerMessage(server, cpu, delivered),
            Extra = new() { ["ticks_sent"] = sent, ["ticks_per_subscriber_per_s"] = Math.Round(delivered / (double)subscribers / seconds, 1), ["not_delivered"] = (sent * subscribers) - delivered },
        });
    }

    /// <summary>Order throughput while ticks flow to 8 subscribers, with and without one subscriber that never reads.</summary>
    private async Task StalledOrdersAsync(ServerHandle server, Grpc.Core.CallInvoker invoker)
    {
        foreach (var stalled in new[] { false, true })
        {
            // Settled before the ticks start: the server is never idle while they flow.
            await SettleAsync(server);
            var ticks = TickLoad.FanOutAsync(server, invoker, core: true, subscribers: 8, rate: 1_000, options.Measure + TimeSpan.FromSeconds(2), stalled);
            await Task.Delay(1_000);
            await UnaryMaxAsync(server, "stalled-orders", stalled ? "core unary, ticks to 8 subs + 1 stalled" : "core unary, ticks to 8 subs", settle: false);
            await ticks;
        }
    }

    private static async Task<(double Gen0, double Gen1, double Gen2, double WorkingSet, double Heap)> GcAsync(ServerHandle core) => (
        await core.ScrapeAsync("dotnet_gc_collections_total", "gen0"),
        await core.ScrapeAsync("dotnet_gc_collections_total", "gen1"),
        await core.ScrapeAsync("dotnet_gc_collections_total", "gen2"),
        await core.ScrapeAsync("dotnet_process_memory_working_set_bytes"),
        await core.ScrapeAsync("dotnet_gc_last_collection_heap_size_bytes"));

    /// <summary>
    /// SubmitOrder calls the core itself timed at over 25 ms so far (its `tradingcore_rpc_server_duration_seconds`
    /// histogram: all calls less those in the 25 ms bucket): what of the client's maximum the server's handling explains.
    /// </summary>
    private static async Task<double> SlowSubmitsAsync(ServerHandle core) =>
        await core.ScrapeAsync("tradingcore_rpc_server_duration_seconds_count", "rpc_method=\"SubmitOrder\"")
        - await core.ScrapeAsync("tradingcore_rpc_server_duration_seconds_bucket", "rpc_method=\"SubmitOrder\",rpc_service=\"trading.v1.Orders\",transport=\"grpc\",le=\"0.025\"");

    private static double CpuPerMessage(ServerHandle server, TimeSpan before, long messages) =>
        messages == 0 ? 0 : (server.CpuTime - before).TotalMicroseconds / messages;

    private string Run(string kind) => $"h{Environment.ProcessId}-{kind}-{Interlocked.Increment(ref _runs)}";

    private ScenarioResult Add(ScenarioResult result)
    {
        results.Add(result);
        Print(result);
        return result;
    }

    private static void Print(ScenarioResult result) => Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"{result.Group,-18} {result.Name,-62} {result.PerSecond,10:N0}/s  p50 {result.Latency?.P50,9:N0} µs  p99 {result.Latency?.P99,9:N0} µs  max {result.Latency?.Max,10:N0} µs  cpu {result.ServerCpuMicrosPerMessage,7:N1} µs/msg"));
}
