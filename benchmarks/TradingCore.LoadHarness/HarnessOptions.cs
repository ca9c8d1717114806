using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace TradingCore.LoadHarness;

/// <summary>Command-line options of the harness.</summary>
internal sealed record HarnessOptions(string Scenario, TimeSpan Measure, TimeSpan Mixed, TimeSpan Gc, string Output, string CoreDll, double Rate)
{
    /// <summary>The scenario groups, in the order <c>all</c> runs them.</summary>
    public static readonly string[] Groups = ["orders", "latency", "fanout", "gc", "mixed", "logins", "scaling", "history"];

    /// <summary>
    /// The command line, parsed with System.CommandLine like tcctl and the samples: <c>--help</c> lists everything,
    /// an unknown option, a bad number or an unknown scenario is an error (exit code 1), never silently ignored.
    /// </summary>
    public static RootCommand Command(Func<HarnessOptions, Task<int>> run, Func<int, int, Task<int>> echoServer, Func<Uri, string, TimeSpan, string, Task<int>> drive)
    {
        var root = FindRoot();
        var scenario = new Argument<string>("scenario") { Description = $"all, or one group: {string.Join(", ", Groups)}", DefaultValueFactory = _ => "all" };
        scenario.AcceptOnlyFromAmong(["all", .. Groups]);
        var seconds = Seconds("--seconds", 10, "Measured seconds of each throughput scenario");
        var mixed = Seconds("--mixed-seconds", 180, "Seconds of the mixed (orders + ticks + history) run");
        var gc = Seconds("--gc-seconds", 60, "Seconds of the steady-load GC run");
        var output = new Option<string>("--out") { Description = "Directory of results.json, summary.md and the charts", DefaultValueFactory = _ => Path.Combine(root, "docs", "benchmarks") };
        var core = new Option<string>("--core") { Description = "The core's Release build", DefaultValueFactory = _ => Path.Combine(root, "src", "TradingCore", "bin", "Release", "net10.0", "TradingCore.dll") };
        var rate = new Option<double>("--rate") { Description = "Orders per second of the same-rate latency scenarios", DefaultValueFactory = _ => 8000, Validators = { Positive } };
        var command = new RootCommand("Trading Core load harness: starts the Release core (and an echo server) on loopback and measures it. "
            + "Environment: SCALING_PARTS, SCALING_ACCOUNTS, CORE_ARGS (see docs/benchmarks.md).")
        {
            scenario, seconds, mixed, gc, output, core, rate,
        };
        command.SetAction((parsed, _) => run(new HarnessOptions(
            parsed.GetValue(scenario)!,
            TimeSpan.FromSeconds(parsed.GetValue(seconds)),
            TimeSpan.FromSeconds(parsed.GetValue(mixed)),
            TimeSpan.FromSeconds(parsed.GetValue(gc)),
            parsed.GetValue(output)!,
            parsed.GetValue(core)!,
            parsed.GetValue(rate))));

        var port = new Argument<int>("port") { Description = "Loopback port to serve on" };
        var ingress = new Argument<int>("ingress") { Description = "Loopback port of the tick ingress" };
        var echo = new Command("echo-server", "The no-op gRPC server with the core's message shapes (the transport's own cost)") { port, ingress };
        echo.SetAction((parsed, _) => echoServer(parsed.GetValue(port), parsed.GetValue(ingress)));
        command.Subcommands.Add(echo);

        var address = new Argument<Uri>("address")
        {
            Description = "The gRPC address of a core started elsewhere (e.g. under dotnet-trace)",
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
                if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
                {
                    return uri;
                }

                result.AddError($"address: '{text}' is not an http:// or https:// address");
                return null;
            },
        };
        var dataDirectory = new Argument<string>("data-directory") { Description = "Its data directory (for the bootstrap credentials); - for a server without login (the echo host)" };
        var duration = new Argument<double>("seconds") { Description = "Seconds of load" };
        var mode = new Argument<string>("mode") { Description = "unary (64 in flight), bidi (4 sessions x 128), rate:N (unary open loop at N orders/s) or ticks:S@P (S tick subscribers, ticks at max rate as the harness's MT5 terminal on bridge port P)" };
        mode.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (value is not ("unary" or "bidi") && !(value?.StartsWith("rate:", StringComparison.Ordinal) == true && double.TryParse(value[5..], CultureInfo.InvariantCulture, out var perSecond) && perSecond > 0)
                && TicksMode.Parse(value) is null)
            {
                result.AddError($"mode '{value}' is not unary, bidi, rate:N (N orders per second > 0) or ticks:S@P (S subscribers > 0, bridge port P)");
            }
        });
        var driveCommand = new Command("drive", "Order load against a core started elsewhere") { address, dataDirectory, duration, mode };
        driveCommand.SetAction((parsed, _) => drive(parsed.GetValue(address)!, parsed.GetValue(dataDirectory)!, TimeSpan.FromSeconds(parsed.GetValue(duration)), parsed.GetValue(mode)!));
        command.Subcommands.Add(driveCommand);
        return command;
    }

    private static Option<double> Seconds(string name, double fallback, string description) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => fallback,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
            if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value > 0)
            {
                return value;
            }

            result.AddError($"{name}: '{text}' is not a number of seconds > 0 (write it like 10 or 2.5)");
            return 0;
        },
    };

    private static void Positive(OptionResult result)
    {
        if (result.GetValueOrDefault<double>() <= 0)
        {
            result.AddError($"{result.Option.Name} must be > 0");
        }
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Trading.sln")))
            {
                return directory.FullName;
            }
        }

        return Environment.CurrentDirectory;
    }
}
