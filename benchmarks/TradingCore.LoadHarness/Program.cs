using System.Globalization;
using System.Runtime.InteropServices;

namespace TradingCore.LoadHarness;

/// <summary>
/// dotnet run -c Release --project benchmarks/TradingCore.LoadHarness -- [all|orders|latency|fanout|mixed|gc|logins|scaling|history]
///   [--seconds 10] [--rate 8000] [--mixed-seconds 180] [--gc-seconds 60] [--out docs/benchmarks]
///   [--core src/TradingCore/bin/Release/net10.0/TradingCore.dll]; --help lists everything (echo-server, drive).
/// </summary>
internal static class HarnessProgram
{
    public static Task<int> Main(string[] args) => HarnessOptions.Command(RunAsync, EchoAsync, DriveAsync).Parse(args).InvokeAsync();

    private static async Task<int> EchoAsync(int port, int ingress)
    {
        await EchoHost.RunAsync(port, ingress);
        return 0;
    }

    private static async Task<int> DriveAsync(Uri address, string dataDirectory, TimeSpan duration, string mode)
    {
        // Load against a server started elsewhere (e.g. under dotnet-trace or perf): unary or bidi orders closed loop, or unary open loop (rate:N).
        // The data directory "-" means no login (the echo host).
        var ticks = TicksMode.Parse(mode);
        await using var target = ServerHandle.Attach(address, dataDirectory == "-" ? null : dataDirectory, ticks?.BridgePort ?? 0);
        using var channel = target.CreateChannel();
        if (ticks is not null)
        {
            // Tick fan-out at the maximum rate, as the fanout group's "max rate" scenarios (the core's bridge feed).
            var (sentTicks, delivered, seconds, _) = await TickLoad.FanOutAsync(target, await target.TraderAsync(channel), dataDirectory != "-", ticks.Subscribers, 0, duration, stalled: false);
            Console.WriteLine($"{delivered / seconds:N0} ticks delivered/s to {ticks.Subscribers} subscribers ({sentTicks / seconds:N0} sent/s)");
            return 0;
        }

        var load = new OrderLoad(await target.TraderAsync(channel), $"drive-{Environment.ProcessId}");
        if (mode.StartsWith("rate:", StringComparison.Ordinal))
        {
            // Open loop at a fixed rate (e.g. rate:200): the latency a bot sees, while the server's metrics are read.
            var (sent, latency, _, failed) = await load.UnaryOpenLoopAsync(double.Parse(mode[5..], CultureInfo.InvariantCulture), duration);
            var summary = latency.Summary();
            Console.WriteLine($"{sent / duration.TotalSeconds:N0} orders/s open loop, {failed} failed: p50 {summary.P50} µs, p99 {summary.P99} µs, max {summary.Max} µs");
            return 0;
        }

        var (completed, _, _) = mode == "bidi" ? await load.SessionClosedLoopAsync(4, 128, duration) : await load.UnaryClosedLoopAsync(64, duration);
        Console.WriteLine($"{completed / duration.TotalSeconds:N0} orders/s ({mode})");
        return 0;
    }

    private static async Task<int> RunAsync(HarnessOptions options)
    {

        if (!File.Exists(options.CoreDll))
        {
            Console.Error.WriteLine($"no core build at {options.CoreDll}: run `dotnet build -c Release src/TradingCore` first (or pass --core)");
            return 2;
        }

        Directory.CreateDirectory(options.Output);
        var results = new List<ScenarioResult>();
        var run = new Runner(options, results);
        var started = DateTime.UtcNow;
        var environment = new Dictionary<string, object>
        {
            ["date_utc"] = started.ToString("u", CultureInfo.InvariantCulture),
            ["machine"] = $"{Environment.ProcessorCount} CPUs, {RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture}",
            ["runtime"] = RuntimeInformation.FrameworkDescription,
            ["arguments"] = string.Join(' ', Environment.GetCommandLineArgs().Skip(1)),
        };
        var groups = new (string Name, Func<Task> Run)[]
        {
            ("orders", run.OrdersAsync),
            ("latency", run.SameRateLatencyAsync),
            ("fanout", run.FanOutAsync),
            ("gc", run.SteadyGcAsync),
            ("mixed", run.MixedAsync),
            ("logins", run.LoginFloodAsync),
            ("scaling", run.ScalingAsync),
            ("history", run.HistoryAsync),
        };
        foreach (var (name, body) in groups.Where(group => options.Scenario == "all" || options.Scenario == group.Name))
        {
            try
            {
                await body();
            }
            catch (Exception error)
            {
                // One broken group must not lose the others' figures.
                Console.Error.WriteLine($"scenario group {name} failed: {error}");
                environment[$"failed_{name}"] = error.Message;
            }

            // Written after every group, so an interrupted run keeps what it measured.
            environment["minutes"] = Math.Round((DateTime.UtcNow - started).TotalMinutes, 1);
            Report.Json(results, Path.Combine(options.Output, "results.json"), environment);
            File.WriteAllText(Path.Combine(options.Output, "summary.md"), Report.Table(results));
        }

        var table = Report.Table(results);
        Console.WriteLine();
        Console.WriteLine(table);
        Report.Chart("Order submit latency, open loop (from intended send time)", results.Where(result => result.Group == "orders-latency"), Path.Combine(options.Output, "orders-latency.png"));
        Report.Chart("Tick fan-out latency, feed ingress to client receipt", results.Where(result => result.Group == "fanout-latency"), Path.Combine(options.Output, "fanout-latency.png"));
        Console.WriteLine($"results, summary and charts in {Path.GetFullPath(options.Output)}");
        return 0;
    }
}
