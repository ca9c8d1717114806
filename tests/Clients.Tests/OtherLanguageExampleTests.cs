using System.Diagnostics;
using TradingCore.Contracts.V1;

namespace TradingCore.Client.Tests;

/// <summary>
/// The Python (grpcio) and Node (@grpc/grpc-js) example bots in src/Clients/examples, run as a user would against a
/// real server. .ci/run installs their toolchains (Debian python3-grpcio, protoc with the Python plugin; npm
/// packages); a machine without them skips these tests and says why.
/// </summary>
public sealed class OtherLanguageExampleTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Examples => Path.Combine(Repository.Root, "src", "Clients", "examples");

    [Fact]
    public async Task PythonBot_LogsInTradesOnceReadsFieldErrorsAndStreams()
    {
        const string Python = "/usr/bin/python3";
        if (!File.Exists(Python) || (await RunAsync(Python, ["-c", "import grpc, google.protobuf"], Examples, [])).Exit != 0 || !OnPath("protoc") || !OnPath("grpc_python_plugin"))
        {
            Assert.Skip("needs /usr/bin/python3 with grpcio and protobuf, protoc and grpc_python_plugin (.ci/run installs them)");
        }

        using var data = new TempDirectory();
        var generated = Path.Combine(data.Path, "python-gen");
        var generate = await RunAsync("sh", [Path.Combine(Examples, "python", "generate.sh"), generated], Examples, []);
        Assert.True(generate.Exit == 0, generate.Output);
        await using var server = await KestrelServer.StartAsync(data.Path, ("EURUSD", 1.10000m, 1.10010m));

        var run = await RunBotAsync(server, Python, [Path.Combine(Examples, "python", "bot.py")], new() { ["TRADINGCORE_PYTHON_GEN"] = generated });

        Assert.True(run.Exit == 0, run.Output);
        Assert.Contains("TRADE_RETCODE_DONE", run.Output, StringComparison.Ordinal);
        Assert.Contains("duplicate=True", run.Output, StringComparison.Ordinal);
        Assert.Contains("field volume: is required", run.Output, StringComparison.Ordinal);
        Assert.Contains("(snapshot)", run.Output, StringComparison.Ordinal);
        await AssertOneOrderWithPrefixAsync(server, "py-");
    }

    [Fact]
    public async Task CSharpAndPythonBots_RunTheSameBacktest_AndGetIdenticalReports()
    {
        const string Python = "/usr/bin/python3";
        if (!File.Exists(Python) || (await RunAsync(Python, ["-c", "import grpc, google.protobuf"], Examples, [])).Exit != 0 || !OnPath("protoc") || !OnPath("grpc_python_plugin"))
        {
            Assert.Skip("needs /usr/bin/python3 with grpcio and protobuf, protoc and grpc_python_plugin (.ci/run installs them)");
        }

        using var data = new TempDirectory();
        var generated = Path.Combine(data.Path, "python-gen");
        Assert.Equal(0, (await RunAsync("sh", [Path.Combine(Examples, "python", "generate.sh"), generated], Examples, [])).Exit);
        var export = Path.Combine(data.Path, "EURUSD_H1.csv");
        await File.WriteAllTextAsync(export, WavyH1Export(300), Token);
        await using var server = await KestrelServer.StartAsync(data.Path);
        using var client = new TradingCoreClient(new TradingCoreClientOptions { Address = server.Address, ApiKeyId = server.TraderKey.KeyId, ApiKeySecret = server.TraderKey.Secret });

        var csharp = await new TradingCore.Samples.MaCrossover.CrossoverBacktest(client, new TradingCore.Samples.MaCrossover.BotSettings { Fast = 5, Slow = 20, Volume = 0.10m }, TextWriter.Null).RunAsync(new BacktestSettings
        {
            Name = "ma-crossover 5x20 EURUSD_H1.csv",
            Data = new BacktestData { Symbol = "EURUSD", BarExport = await File.ReadAllTextAsync(export, Token), Timeframe = Timeframe.H1 },
            Step = BacktestStepKind.Bar,
            Account = new CreateAccountRequest { Name = "ma-crossover backtest", Currency = "USD", Leverage = 100, MarginMode = MarginMode.RetailNetting, Balance = Contracts.V1.Decimal.FromDecimal(10_000m) },
        }, Token);
        var python = await RunAsync(Python, [Path.Combine(Examples, "python", "bot.py"), "--backtest", export], Examples, new()
        {
            ["TRADINGCORE_PYTHON_GEN"] = generated,
            ["TRADINGCORE_ADDRESS"] = server.Address.ToString(),
            ["TRADINGCORE_KEY_ID"] = server.TraderKey.KeyId,
            ["TRADINGCORE_KEY_SECRET"] = server.TraderKey.Secret,
        });

        Assert.True(python.Exit == 0, python.Output);
        var pythonRun = System.Text.RegularExpressions.Regex.Match(python.Output, @"^backtest (r\d+): \d+ steps \S+ to", System.Text.RegularExpressions.RegexOptions.Multiline).Groups[1].Value;
        Assert.Contains(TradingCore.Samples.MaCrossover.CrossoverBacktest.Summary(csharp).Replace(csharp.RunId, pythonRun, StringComparison.Ordinal), python.Output, StringComparison.Ordinal);
        var fromCSharp = await client.Backtests.GetBacktestReportAsync(new GetBacktestReportRequest { RunId = csharp.RunId }, cancellationToken: Token);
        var fromPython = await client.Backtests.GetBacktestReportAsync(new GetBacktestReportRequest { RunId = pythonRun }, cancellationToken: Token);
        Assert.True(fromCSharp.Summary.TotalTrades >= 4, $"only {fromCSharp.Summary.TotalTrades} trades: the data should cross more often");
        Assert.Equal(fromCSharp.Csv, fromPython.Csv);
        Assert.Equal(fromCSharp.Summary, fromPython.Summary);
        Assert.Equal(WithoutAccount(fromCSharp.Orders), WithoutAccount(fromPython.Orders)); // each run has its own account id
    }

    private static IEnumerable<Order> WithoutAccount(IEnumerable<Order> orders) => orders.Select(order =>
    {
        var copy = order.Clone();
        copy.AccountId = 0;
        return copy;
    });

    /// <summary>A hand-made MT5 H1 export of EURUSD (weekdays from Monday 2025-01-06) whose closes swing around 1.10.</summary>
    private static string WavyH1Export(int bars)
    {
        var text = new System.Text.StringBuilder("<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>\n");
        var time = new DateTime(2025, 1, 6, 0, 0, 0, DateTimeKind.Utc);
        var open = 1.10000m;
        for (var index = 0; index < bars; time = time.AddHours(1))
        {
            if (time.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                continue;
            }

            var close = Math.Round(1.10000m + (0.00800m * (decimal)Math.Sin(index / 9.0)) + (0.00200m * (decimal)Math.Sin(index / 2.3)), 5);
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{time:yyyy.MM.dd}\t{time:HH:mm:ss}\t{open:0.00000}\t{Math.Max(open, close) + 0.0004m:0.00000}\t{Math.Min(open, close) - 0.00035m:0.00000}\t{close:0.00000}\t{100 + (index % 50)}\t0\t{8 + (index % 5)}\n");
            open = close;
            index++;
        }

        return text.ToString();
    }

    [Fact]
    public async Task NodeBot_LogsInTradesOnceAndStreams()
    {
        if (!OnPath("node") || !OnPath("npm"))
        {
            Assert.Skip("needs node and npm");
        }

        var directory = await NodeExampleAsync();
        using var data = new TempDirectory();
        await using var server = await KestrelServer.StartAsync(data.Path, ("EURUSD", 1.10000m, 1.10010m));

        var run = await RunBotAsync(server, "node", [Path.Combine(directory, "bot.js")], []);

        Assert.True(run.Exit == 0, run.Output);
        Assert.Contains("TRADE_RETCODE_DONE", run.Output, StringComparison.Ordinal);
        Assert.Contains("duplicate=true", run.Output, StringComparison.Ordinal);
        Assert.Contains("INVALID_ARGUMENT", run.Output, StringComparison.Ordinal);
        Assert.Contains("field volume: is required", run.Output, StringComparison.Ordinal);
        Assert.Contains("field client_order_id: is required", run.Output, StringComparison.Ordinal);
        Assert.Contains("(snapshot)", run.Output, StringComparison.Ordinal);
        await AssertOneOrderWithPrefixAsync(server, "node-");
    }

    [Fact]
    public async Task NodeTypeScriptTypes_CoverEveryProto_AndTypeCheck()
    {
        if (!OnPath("node") || !OnPath("npm"))
        {
            Assert.Skip("needs node and npm");
        }

        var directory = await NodeExampleAsync();
        var generated = Path.Combine(directory, "gen", "trading", "v1");
        if (Directory.Exists(generated))
        {
            Directory.Delete(generated, recursive: true);
        }

        var check = await RunAsync("npm", ["run", "check-types"], directory, []);

        Assert.True(check.Exit == 0, check.Output);
        var contract = typeof(TradingCore.Contracts.V1.Decimal).Assembly.GetTypes()
            .Select(type => type.GetProperty("Descriptor", System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)?.GetValue(null))
            .OfType<Google.Protobuf.Reflection.FileDescriptor>()
            .Where(file => file.Package == "trading.v1")
            .ToList();
        var names = contract.SelectMany(file => file.MessageTypes.Select(message => message.Name).Concat(file.EnumTypes.Select(type => type.Name)).Concat(file.Services.Select(service => service.Name))).ToList();
        Assert.Equal(Directory.GetFiles(Path.Combine(Repository.Root, "protos", "trading", "v1"), "*.proto").Length, contract.Count);
        var missing = names.Where(name => !File.Exists(Path.Combine(generated, name + ".ts"))).ToList();
        Assert.True(missing.Count == 0, $"no TypeScript type for {string.Join(", ", missing)}");
        Assert.True(names.Count > 100, $"only {names.Count} contract types found");
    }

    /// <summary>The Node example's directory with its packages installed (npm ci when they are missing).</summary>
    private static async Task<string> NodeExampleAsync()
    {
        var directory = Path.Combine(Examples, "node");
        if (!Directory.Exists(Path.Combine(directory, "node_modules", "@grpc", "grpc-js")) || !Directory.Exists(Path.Combine(directory, "node_modules", "typescript")))
        {
            var install = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], directory, []);
            Assert.True(install.Exit == 0, install.Output);
        }

        return directory;
    }

    /// <summary>Runs a bot while a quote arrives every 50 ms (the server's feed is off), so its tick stream moves.</summary>
    private static async Task<(int Exit, string Output)> RunBotAsync(KestrelServer server, string program, string[] arguments, Dictionary<string, string> environment)
    {
        environment["TRADINGCORE_ADDRESS"] = server.Address.ToString();
        environment["TRADINGCORE_KEY_ID"] = server.TraderKey.KeyId;
        environment["TRADINGCORE_KEY_SECRET"] = server.TraderKey.Secret;
        using var stopQuoting = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var quoting = Task.Run(async () =>
        {
            for (var step = 0; !stopQuoting.IsCancellationRequested; step++)
            {
                await server.QuoteAsync("EURUSD", 1.10000m + (step % 10 / 100_000m), 1.10010m + (step % 10 / 100_000m));
                await Task.Delay(50, stopQuoting.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }, Token);
        try
        {
            return await RunAsync(program, arguments, Examples, environment);
        }
        finally
        {
            await stopQuoting.CancelAsync();
            await quoting;
        }
    }

    private static async Task AssertOneOrderWithPrefixAsync(KestrelServer server, string prefix)
    {
        using var client = new TradingCoreClient(new TradingCoreClientOptions { Address = server.Address, ApiKeyId = server.TraderKey.KeyId, ApiKeySecret = server.TraderKey.Secret });
        var history = await client.ListOrdersAsync(new ListOrdersRequest { AccountId = 1001, Scope = OrderScope.History, PageSize = 100 }, Token);
        Assert.Single(history.Orders, order => order.ClientOrderId.StartsWith(prefix, StringComparison.Ordinal));
    }

    private static async Task<(int Exit, string Output)> RunAsync(string program, string[] arguments, string directory, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Token);
        var error = process.StandardError.ReadToEndAsync(Token);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output + await error);
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Any(directory => File.Exists(Path.Combine(directory, program)));
}
