using System.Text.Json;
using Spectre.Console;
using TradingCore.Contracts.V1;
using TradingCore.Tcctl;

namespace TradingCore.Client.Tests;

/// <summary>tcctl run in-process against a real Kestrel server: output, JSON, profiles, exit codes.</summary>
public sealed partial class TcctlTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GivenSeveralAddresses_TheServingOneIsUsed_AndTheLoginProfileKeepsThemAll()
    {
        using var data = new TempDirectory();
        await using var server = await KestrelServer.StartAsync(data.Path);
        var cli = new Cli(data.Path);
        using var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var dead = $"http://127.0.0.1:{((System.Net.IPEndPoint)closed.LocalEndpoint).Port}";
        closed.Stop();
        var addresses = $"{dead},{server.Address.ToString().TrimEnd('/')}";

        var login = await cli.RunAsync("--address", addresses, "login", "--bootstrap", Path.Combine(data.Path, "bootstrap-credentials.json"));
        var account = await cli.RunAsync("account");
        var bad = await cli.RunAsync("--address", $"{dead},ftp://x", "account");

        Assert.Equal((0, ""), (login.Exit, login.Error));
        Assert.Contains(addresses, File.ReadAllText(cli.ProfilePath), StringComparison.Ordinal);
        Assert.Equal(0, account.Exit);
        Assert.Contains("1001 Demo", account.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, bad.Exit);
        Assert.Contains("'ftp://x' is not an http:// or https:// address", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_SavesAnOwnerOnlyProfile_ThatLaterCommandsUse()
    {
        using var data = new TempDirectory();
        await using var server = await KestrelServer.StartAsync(data.Path);
        var cli = new Cli(data.Path);

        var login = await cli.RunAsync("--address", server.Address.ToString(), "login", "--bootstrap", Path.Combine(data.Path, "bootstrap-credentials.json"));
        var account = await cli.RunAsync("account");

        Assert.Equal((0, ""), (login.Exit, login.Error));
        Assert.Contains("Logged in", login.Output, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(cli.ProfilePath));
        }

        Assert.DoesNotContain(server.AdminKey.Secret, File.ReadAllText(cli.ProfilePath), StringComparison.Ordinal);
        Assert.Equal(0, account.Exit);
        Assert.Contains("100000 USD", account.Output, StringComparison.Ordinal);
        Assert.Contains("1001 Demo", account.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadNumber_SaysWhichValueAndHowToWriteIt_NotTheDotNetType()
    {
        using var data = new TempDirectory();
        var cli = new Cli(data.Path);

        var volume = await cli.RunAsync("order", "buy", "EURUSD", "0,10");
        var stopLoss = await cli.RunAsync("order", "buy-limit", "EURUSD", "0.10", "1.08", "--sl", "abc");

        Assert.NotEqual(0, volume.Exit);
        Assert.Contains("volume: '0,10' is not a number (write it like 0.10", volume.Error, StringComparison.Ordinal);
        Assert.Contains("sl: 'abc' is not a number", stopLoss.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.Decimal", volume.Error + stopLoss.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Orders_AsJson_AreIdempotentByClientOrderId_AndRejectionsExitWith4()
    {
        using var data = new TempDirectory();
        await using var server = await KestrelServer.StartAsync(data.Path, ("EURUSD", 1.10000m, 1.10010m));
        var cli = new Cli(data.Path, server);

        var first = await cli.RunAsync("--json", "order", "buy", "EURUSD", "0.1", "--id", "cli-1");
        var again = await cli.RunAsync("--json", "order", "buy", "EURUSD", "0.1", "--id", "cli-1");
        var rejected = await cli.RunAsync("order", "buy", "EURUSD", "5000");
        var positions = await cli.RunAsync("--json", "positions");

        Assert.Equal(0, first.Exit);
        Assert.Equal("TRADE_RETCODE_DONE", Json(first).GetProperty("result").GetProperty("retcode").GetString());
        Assert.True(Json(again).GetProperty("result").GetProperty("duplicate").GetBoolean());
        Assert.Equal(4, rejected.Exit);
        Assert.Contains("INVALID_VOLUME (10014)", rejected.Output, StringComparison.Ordinal);
        var position = Assert.Single(Json(positions).GetProperty("positions").EnumerateArray());
        Assert.Equal("100000000", position.GetProperty("volume").GetProperty("nanos").ToString());

        var ticket = position.GetProperty("ticket").GetString()!;
        var closed = await cli.RunAsync("positions", "close", ticket);
        Assert.Equal(0, closed.Exit);
        Assert.Empty(Json(await cli.RunAsync("--json", "positions")).GetProperty("positions").EnumerateArray());
    }

    [Fact]
    public async Task PendingOrder_IsListedModifiedAndCancelled()
    {
        using var data = new TempDirectory();
        await using var server = await KestrelServer.StartAsync(data.Path, ("EURUSD", 1.10000m, 1.10010m));
        var cli = new Cli(data.Path, server);

        var placed = Json(await cli.RunAsync("--json", "order", "buy-limit", "EURUSD", "0.2", "1.05"));
        var ticket = placed.GetProperty("result").GetProperty("orderTicket").GetString()!;
        var modified = await cli.RunAsync("order", "modify", ticket, "--price", "1.06");
        var listed = await cli.RunAsync("orders");
        var cancelled = await cli.RunAsync("order", "cancel", ticket);
        var history = await cli.RunAsync("--json", "orders", "--history");

        Assert.Equal("TRADE_RETCODE_PLACED", placed.GetProperty("result").GetProperty("retcode").GetString());
        Assert.Equal(0, modified.Exit);
        Assert.Contains("BUY_LIMIT", listed.Output, StringComparison.Ordinal);
        Assert.Contains("1.06", listed.Output, StringComparison.Ordinal);
        Assert.Equal(0, cancelled.Exit);
        Assert.Contains(Json(history).GetProperty("orders").EnumerateArray(), order => order.GetProperty("state").GetString() == "ORDER_STATE_CANCELED");
    }

    [Fact]
    public async Task Ticks_StopAfterCount_OrOnCancellation_WithExitCode0()
    {
        using var data = new TempDirectory();
        await using var server = await KestrelServer.StartAsync(data.Path, ("EURUSD", 1.10000m, 1.10010m));
        var cli = new Cli(data.Path, server);

        var counted = await cli.RunAsync("--json", "ticks", "EURUSD", "--count", "1");
        Assert.Equal(0, counted.Exit);
        var lines = counted.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(JsonDocument.Parse(lines[0]).RootElement.GetProperty("tick").GetProperty("snapshot").GetBoolean());

        // Ctrl+C cancels the invocation's token: the live stream ends cleanly.
        using var ctrlC = CancellationTokenSource.CreateLinkedTokenSource(Token);
        ctrlC.CancelAfter(TimeSpan.FromSeconds(1));
        var stopped = await cli.RunAsync(ctrlC.Token, "ticks", "EURUSD");
        Assert.Equal(0, stopped.Exit);
        Assert.Contains("snapshot complete", stopped.Output, StringComparison.Ordinal);
        Assert.Contains("1 ticks", stopped.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failures_HaveTheirExitCodes_AndNameTheProblem()
    {
        using var data = new TempDirectory();
        await using var server = await KestrelServer.StartAsync(data.Path, ("EURUSD", 1.10000m, 1.10010m));
        var cli = new Cli(data.Path, server);
        var anonymous = new Cli(Path.Combine(data.Path, "nobody"));

        var usage = await cli.RunAsync("order", "buy", "EURUSD");
        var unknownSymbol = await cli.RunAsync("bars", "NOPE");
        var denied = await cli.RunAsync("admin", "keys");
        var noKey = await anonymous.RunAsync("--address", server.Address.ToString(), "account");
        var unreachable = await cli.RunAsync("--address", "http://127.0.0.1:1", "symbols");
        var badTimeframe = await cli.RunAsync("bars", "EURUSD", "-t", "H2");

        Assert.Equal(2, usage.Exit);
        Assert.Contains("volume", usage.Error, StringComparison.Ordinal);
        Assert.Equal(1, unknownSymbol.Exit);
        Assert.Contains("symbol", unknownSymbol.Error, StringComparison.Ordinal);
        Assert.Equal(1, denied.Exit);
        Assert.Contains("PermissionDenied", denied.Error, StringComparison.Ordinal);
        Assert.Equal(2, noKey.Exit);
        Assert.Contains("tcctl login", noKey.Error, StringComparison.Ordinal);
        Assert.Equal(3, unreachable.Exit);
        Assert.Contains("cannot reach", unreachable.Error, StringComparison.Ordinal);
        Assert.Equal(2, badTimeframe.Exit);
    }

    [Fact]
    public async Task Admin_IssuesAKey_FromEnvironmentCredentials_AndHealthIsServing()
    {
        using var data = new TempDirectory();
        await using var server = await KestrelServer.StartAsync(data.Path);
        var admin = new Cli(data.Path, environment: AdminEnvironment(server));

        var issued = Json(await admin.RunAsync("--json", "admin", "keys", "issue", "--name", "bot-7", "--role", "Trader", "--accounts", "1001"));
        var keys = await admin.RunAsync("admin", "keys");
        var health = await admin.RunAsync("health");
        var healthJson = await admin.RunAsync("--json", "health");
        var symbols = await admin.RunAsync("admin", "symbols", "disable", "XAUUSD");
        var backup = Json(await admin.RunAsync("--json", "admin", "backup", "--name", "from-cli.db"));

        Assert.False(string.IsNullOrEmpty(issued.GetProperty("secret").GetString()));
        Assert.Contains("bot-7", keys.Output, StringComparison.Ordinal);
        Assert.Equal(0, health.Exit);
        Assert.Contains("SERVING", health.Output, StringComparison.Ordinal);
        var services = healthJson.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(["", "trading.v1.Orders", "trading.v1.MarketData"], services.Select(service => service.GetProperty("service").GetString()));
        Assert.All(services, service => Assert.Equal("SERVING", service.GetProperty("status").GetString()));
        Assert.Contains("disabled", symbols.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(backup.GetProperty("path").GetString()));
        Assert.EndsWith("from-cli.db", backup.GetProperty("path").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportBars_OfAYearOfM1Bars_IsStreamed_WithProgress()
    {
        using var data = new TempDirectory();
        await using var server = await KestrelServer.StartAsync(data.Path);
        var environment = AdminEnvironment(server);
        var admin = new Cli(data.Path, environment: environment, interactive: true);
        var export = Path.Combine(data.Path, "EURUSD_M1_2025.csv");
        var bars = WriteM1Export(export, new DateTime(2025, 1, 1), new DateTime(2026, 1, 1));

        var imported = await admin.RunAsync("admin", "import-bars", export, "--symbol", "EURUSD", "-t", "M1", "--server-utc-offset", "7200");
        var last = Json(await new Cli(data.Path, environment: environment).RunAsync("--json", "bars", "EURUSD", "-t", "M1", "--limit", "1"));

        Assert.True(new FileInfo(export).Length > 20 * 1024 * 1024, "a year of M1 bars is over 20 MB");
        Assert.True(imported.Exit == 0, imported.Error);
        Assert.Contains($"Imported {bars} bars", imported.Output, StringComparison.Ordinal);
        Assert.Contains("100%", imported.Output, StringComparison.Ordinal);
        var bar = last.GetProperty("bars")[0];
        Assert.Equal(new DateTimeOffset(2025, 12, 31, 21, 59, 0, TimeSpan.Zero).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), bar.GetProperty("timeMs").GetString());
    }

    /// <summary>A hand-made MT5 M1 export (9 columns, server time): every minute of every weekday; returns the bar count.</summary>
    private static int WriteM1Export(string path, DateTime from, DateTime to)
    {
        using var writer = new StreamWriter(path);
        writer.Write("<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>\r\n");
        var count = 0;
        for (var time = from; time < to; time = time.AddMinutes(1))
        {
            if (time.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                continue;
            }

            var open = 1.08m + (count % 1000 * 0.00001m);
            writer.Write(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{time:yyyy.MM.dd}\t{time:HH:mm:ss}\t{open:0.00000}\t{open + 0.0002m:0.00000}\t{open - 0.0001m:0.00000}\t{open + 0.0001m:0.00000}\t{37 + (count % 50)}\t0\t6\r\n"));
            count++;
        }

        return count;
    }

    [Fact]
    public async Task OutputToAPipe_IsNotWrapped_AndReadsTimesAndEnumsOneWay()
    {
        using var data = new TempDirectory();
        await using var server = await KestrelServer.StartAsync(data.Path);
        var piped = new Cli(data.Path, loggedInTo: server, redirected: true);
        await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);

        var placed = await piped.RunAsync("order", "buy-limit", "EURUSD", "0.25", "1.05", "--id", "pipe-1");
        var orders = await piped.RunAsync("orders");
        var symbols = await piped.RunAsync("symbols");

        Assert.Equal(0, placed.Exit);
        var row = Assert.Single(orders.Output.Split('\n'), line => line.Contains("pipe-1", StringComparison.Ordinal));
        Assert.Contains("BUY_LIMIT", row, StringComparison.Ordinal);
        Assert.Contains("PLACED", row, StringComparison.Ordinal);
        Assert.Contains("0.25", row, StringComparison.Ordinal);
        Assert.Contains("1.05", row, StringComparison.Ordinal);
        Assert.Matches(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z", row);
        Assert.True(row.Length > 80, $"the row fits 80 columns ({row.Length}); the test needs a wide one");
        var eurusd = Assert.Single(symbols.Output.Split('\n'), line => line.Contains("EURUSD", StringComparison.Ordinal) && line.Contains("100000", StringComparison.Ordinal));
        Assert.Contains("FULL", eurusd, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnumOptions_ReadEverySpelling_AndListTheValuesOnAMistake()
    {
        using var data = new TempDirectory();
        await using var server = await KestrelServer.StartAsync(data.Path);
        var admin = new Cli(data.Path, environment: AdminEnvironment(server));

        var lower = await admin.RunAsync("admin", "keys", "issue", "--name", "a", "--role", "trader", "--accounts", "1001");
        var full = await admin.RunAsync("admin", "keys", "issue", "--name", "b", "--role", "ROLE_VIEWER", "--accounts", "1001");
        var hedging = await admin.RunAsync("admin", "accounts", "create", "--id", "3003", "--name", "H", "--margin-mode", "retail_hedging");
        var wrong = await admin.RunAsync("admin", "keys", "issue", "--name", "c", "--role", "boss");
        var keys = await admin.RunAsync("admin", "keys");

        Assert.Equal((0, 0, 0), (lower.Exit, full.Exit, hedging.Exit));
        Assert.Equal(2, wrong.Exit);
        Assert.Contains("'boss' is not a role: VIEWER, TRADER, ADMIN", wrong.Error, StringComparison.Ordinal);
        Assert.Contains(keys.Output.Split('\n'), line => line.Contains(" a ", StringComparison.Ordinal) && line.Contains("TRADER", StringComparison.Ordinal));
        Assert.Contains(keys.Output.Split('\n'), line => line.Contains(" b ", StringComparison.Ordinal) && line.Contains("VIEWER", StringComparison.Ordinal));
        var accounts = await admin.RunAsync("admin", "accounts");
        Assert.Contains(accounts.Output.Split('\n'), line => line.Contains("3003", StringComparison.Ordinal) && line.Contains("RETAIL_HEDGING", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Backtests_AreListedWithTheirProgress_FollowedToTheEnd_AndTheirReportWritten()
    {
        using var data = new TempDirectory();
        await using var server = await KestrelServer.StartAsync(data.Path);
        var cli = new Cli(data.Path, loggedInTo: server);
        var watching = new Cli(data.Path, loggedInTo: server, interactive: true);
        using var client = new TradingCoreClient(new TradingCoreClientOptions { Address = server.Address, ApiKeyId = server.TraderKey.KeyId, ApiKeySecret = server.TraderKey.Secret });
        await client.EnsureLoggedInAsync(Token);
        using var call = client.Backtests.Run(cancellationToken: Token);
        var bars = "<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>\n"
            + string.Concat(Enumerable.Range(0, 5).Select(hour => $"2025.01.06\t{hour:00}:00:00\t1.1\t1.1002\t1.0999\t1.1001\t10\t0\t5\n"));
        await call.RequestStream.WriteAsync(new BacktestRequest { Start = new BacktestSettings { Name = "cli", Data = new BacktestData { Symbol = "EURUSD", BarExport = bars, Timeframe = Timeframe.H1 }, Account = new CreateAccountRequest { Name = "bt", Currency = "USD", Leverage = 100, MarginMode = MarginMode.RetailNetting, Balance = Contracts.V1.Decimal.FromDecimal(1_000m) } } }, Token);

        // Advance to step 3, then hold the run there while tcctl looks at it.
        for (var steps = 0; steps < 3 && await call.ResponseStream.MoveNext(Token);)
        {
            if (call.ResponseStream.Current.Step is not null && ++steps < 3)
            {
                await call.RequestStream.WriteAsync(new BacktestRequest { Advance = new BacktestAdvance() }, Token);
            }
        }

        var running = await cli.RunAsync("backtests");
        var runId = running.Output.Split('\n').Select(line => System.Text.RegularExpressions.Regex.Match(line, @"\br\d+\b")).First(match => match.Success).Value;
        var watch = watching.RunAsync("backtests", "watch", runId);
        for (var step = 0; step < 3; step++)
        {
            await call.RequestStream.WriteAsync(new BacktestRequest { Advance = new BacktestAdvance() }, Token);
        }

        await call.RequestStream.CompleteAsync();
        while (await call.ResponseStream.MoveNext(Token))
        {
        }

        var watched = await watch;
        var html = Path.Combine(data.Path, "report.html");
        var report = await cli.RunAsync("backtests", "report", runId, "--html", html);

        Assert.Contains(running.Output.Split('\n'), line => line.Contains(runId, StringComparison.Ordinal) && line.Contains("RUNNING", StringComparison.Ordinal) && line.Contains("3/5", StringComparison.Ordinal));
        Assert.True(watched.Exit == 0, watched.Error);
        Assert.Contains("100%", watched.Output, StringComparison.Ordinal);
        Assert.Contains("FINISHED after 5/5 steps", watched.Output, StringComparison.Ordinal);
        Assert.Equal(0, report.Exit);
        Assert.Contains("Total net profit", report.Output, StringComparison.Ordinal);
        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(html), StringComparison.Ordinal);
    }

    /// <summary>The admin key and the server's address, as environment variables (no profile).</summary>
    private static Dictionary<string, string> AdminEnvironment(KestrelServer server) => new()
    {
        ["TRADINGCORE_ADDRESS"] = server.Address.ToString(),
        ["TRADINGCORE_KEY_ID"] = server.AdminKey.KeyId,
        ["TRADINGCORE_KEY_SECRET"] = server.AdminKey.Secret,
    };

    private static JsonElement Json(Result result)
    {
        Assert.True(result.Exit is 0 or 4, $"exit {result.Exit}: {result.Error}");
        return JsonDocument.Parse(result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]).RootElement;
    }

    internal sealed record Result(int Exit, string Output, string Error);

    /// <summary>tcctl with its own profile file and environment, its output captured.</summary>
    private sealed class Cli
    {
        private readonly Dictionary<string, string> _environment;

        private readonly bool _interactive;

        private readonly bool _redirected;

        public Cli(string directory, KestrelServer? loggedInTo = null, Dictionary<string, string>? environment = null, bool interactive = false, bool redirected = false)
        {
            _interactive = interactive;
            _redirected = redirected;
            ProfilePath = Path.Combine(directory, "tcctl-profiles.json");
            _environment = environment ?? [];
            _environment[ProfileStore.PathVariable] = ProfilePath;
            if (loggedInTo is not null)
            {
                new ProfileStore(ProfilePath).Save("default", new TradingCore.Tcctl.Profile { Address = loggedInTo.Address.ToString(), KeyId = loggedInTo.TraderKey.KeyId, Secret = loggedInTo.TraderKey.Secret });
            }
        }

        public string ProfilePath { get; }

        public Task<Result> RunAsync(params string[] args) => RunAsync(Token, args);

        public async Task<Result> RunAsync(CancellationToken cancellationToken, params string[] args)
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            var console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Ansi = _interactive ? AnsiSupport.Yes : AnsiSupport.No,
                ColorSystem = ColorSystemSupport.NoColors,
                Interactive = _interactive ? InteractionSupport.Yes : InteractionSupport.No,
                Out = new AnsiConsoleOutput(output),
            });
            console.Profile.Width = _redirected ? 80 : 240; // 80: what Spectre assumes for a pipe
            console = CliHost.ForOutput(console, _redirected);
            var host = new CliHost { Console = console, Out = output, Error = error, Environment = name => _environment.GetValueOrDefault(name), Interactive = _interactive };
            var exit = await TradingCore.Tcctl.Cli.RunAsync(args, host, cancellationToken);
            return new Result(exit, output.ToString(), error.ToString());
        }
    }
}
