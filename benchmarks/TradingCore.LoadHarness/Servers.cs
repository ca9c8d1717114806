using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using TradingCore.Contracts.V1;

namespace TradingCore.LoadHarness;

/// <summary>A server process under test on loopback: its address, CPU time, and (for the core) metrics and login.</summary>
internal sealed partial class ServerHandle : IAsyncDisposable
{
    public const long BridgeLogin = 900_001;
    public const string BridgeSecret = "load-harness-secret-0123456789";

    private readonly Process? _process;
    private readonly StringBuilder _output = new();

    private ServerHandle(Process? process, int port, int metricsPort, int bridgePort, string? dataDirectory, bool attached = false)
    {
        _process = process;
        _attached = attached;
        Address = new Uri($"http://127.0.0.1:{port}");
        MetricsPort = metricsPort;
        BridgePort = bridgePort;
        DataDirectory = dataDirectory;
        if (process is not null)
        {
            process.OutputDataReceived += (_, line) => Append(line.Data);
            process.ErrorDataReceived += (_, line) => Append(line.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }
    }

    private readonly bool _attached;
    private long _launched;
    private bool _keepData;

    /// <summary>From process start to the first health answer of any status (the server listens).</summary>
    public TimeSpan? FirstHealthAnswer { get; private set; }

    /// <summary>From process start to health SERVING.</summary>
    public TimeSpan ServingAfter { get; private set; }

    /// <summary>Resident set size of the server process now (Linux /proc), bytes; 0 where unknown.</summary>
    public long RssBytes
    {
        get
        {
            if (_process is null || !File.Exists($"/proc/{_process.Id}/status"))
            {
                return 0;
            }

            var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(text => text.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
    }

    public Uri Address { get; }

    public int MetricsPort { get; }

    /// <summary>TCP port of the MT5 bridge (core) or of the raw tick ingress (echo host).</summary>
    public int BridgePort { get; }

    public string? DataDirectory { get; }

    /// <summary>CPU time the process used so far (user + system).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            if (_process is null)
            {
                return TimeSpan.Zero;
            }

            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>A server started elsewhere (no process control; CPU time reads as zero).</summary>
    public static ServerHandle Attach(Uri address, string? dataDirectory, int bridgePort = 0) => new(null, address.Port, 0, bridgePort, dataDirectory, attached: true);

    /// <summary>Starts the core (TradingCore.dll) on fresh data with the given feed and journal writer.</summary>
    /// <param name="coreDll">TradingCore.dll.</param>
    /// <param name="feed">TradingCore:Feed:Kind.</param>
    /// <param name="writer">TradingCore:Persistence:Writer.</param>
    /// <param name="dataDirectory">An existing data directory to start on (kept at dispose); a fresh temporary one when null.</param>
    /// <param name="extra">More command-line settings.</param>
    public static async Task<ServerHandle> StartCoreAsync(string coreDll, string feed, string writer, string? dataDirectory = null, params string[] extra)
    {
        // A port picked free can be taken by the time the server binds it: try again with new ports.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartCoreOnceAsync(coreDll, feed, writer, dataDirectory, extra);
            }
            catch (InvalidOperationException error) when (attempt < 3 && error.Message.Contains("address already in use", StringComparison.Ordinal))
            {
                Console.Error.WriteLine("port clash; starting the core again on other ports");
            }
        }
    }

    private static async Task<ServerHandle> StartCoreOnceAsync(string coreDll, string feed, string writer, string? dataDirectory, string[] extra)
    {
        var data = dataDirectory ?? Directory.CreateTempSubdirectory("tradingcore-harness-").FullName;
        var (port, metrics, bridge) = (FreePort(), FreePort(), FreePort());
        var arguments = new List<string>
        {
            coreDll,
            "--urls", $"http://127.0.0.1:{port}",
            "--TradingCore:HttpJson:Url=",
            $"--TradingCore:Metrics:Url=http://127.0.0.1:{metrics}",
            $"--TradingCore:DataDirectory={data}",
            $"--TradingCore:Feed:Kind={feed}",
            $"--TradingCore:Persistence:Writer={writer}",
            // The harness is one key sending far beyond a bot's budget; limits are not what is measured.
            "--TradingCore:Auth:RequestsPerSecond=10000000",
            "--TradingCore:Auth:RequestBurst=10000000",
            "--TradingCore:Auth:MaxStreamsPerKey=1000",
            "--TradingCore:Streams:EventBuffer=1000000",
            "--Logging:LogLevel:Default=Warning",
            $"--TradingCore:Feed:Bridge:Listen=127.0.0.1:{bridge}",
            $"--TradingCore:Feed:Bridge:Terminals:0:Login={BridgeLogin}",
            $"--TradingCore:Feed:Bridge:Terminals:0:Secret={BridgeSecret}",
        };
        arguments.AddRange(extra);
        // CORE_ARGS: more settings for every core the harness starts (A/B experiments), space-separated.
        arguments.AddRange((Environment.GetEnvironmentVariable("CORE_ARGS") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var launched = Stopwatch.GetTimestamp();
        var handle = new ServerHandle(Launch("dotnet", arguments, Path.GetDirectoryName(coreDll)!), port, metrics, bridge, data) { _launched = launched, _keepData = dataDirectory is not null };
        await handle.WaitUntilServingAsync();
        return handle;
    }

    /// <summary>Starts this harness as the echo host (no-op services of the same message shapes).</summary>
    public static async Task<ServerHandle> StartEchoAsync()
    {
        var (port, ingress) = (FreePort(), FreePort());
        var self = Environment.ProcessPath!;
        var arguments = new List<string>();
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            arguments.Add(typeof(ServerHandle).Assembly.Location);
        }

        arguments.AddRange(["echo-server", port.ToString(CultureInfo.InvariantCulture), ingress.ToString(CultureInfo.InvariantCulture)]);
        var handle = new ServerHandle(Launch(self, arguments, AppContext.BaseDirectory), port, 0, ingress, null);
        await handle.WaitUntilServingAsync();
        return handle;
    }

    public GrpcChannel CreateChannel() => GrpcChannel.ForAddress(Address, new GrpcChannelOptions
    {
        HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true, PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan },
        MaxReceiveMessageSize = 16 * 1024 * 1024,
    });

    /// <summary>Logs in with the bootstrap trader key of the core's data directory.</summary>
    public async Task<CallInvoker> TraderAsync(GrpcChannel channel)
    {
        if (DataDirectory is null)
        {
            return channel.CreateCallInvoker();
        }

        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(DataDirectory, "bootstrap-credentials.json")));
        var login = await new Auth.AuthClient(channel).LoginAsync(new LoginRequest
        {
            KeyId = document.RootElement.GetProperty("trader_key_id").GetString(),
            Secret = document.RootElement.GetProperty("trader_secret").GetString(),
        });
        var token = "Bearer " + login.AccessToken.Token;
        return channel.Intercept(metadata =>
        {
            metadata.Add("authorization", token);
            return metadata;
        });
    }

    /// <summary>Sums the samples of a Prometheus metric whose labels contain <paramref name="label"/>.</summary>
    public async Task<double> ScrapeAsync(string metric, string? label = null)
    {
        using var http = new HttpClient();
        var text = await http.GetStringAsync(new Uri($"http://127.0.0.1:{MetricsPort}/metrics"));
        return Sample().Matches(text)
            .Where(match => match.Groups["name"].Value == metric && (label is null || match.Groups["labels"].Value.Contains(label, StringComparison.Ordinal)))
            .Sum(match => double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture));
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is null || _attached)
        {
            return;
        }

        if (!_process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
        if (DataDirectory is not null && !_keepData)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp directory is harmless.
            }
        }
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>\S+)$", RegexOptions.Multiline)]
    private static partial Regex Sample();

    private static Process Launch(string program, IEnumerable<string> arguments, string directory)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_gcServer"] = "0";
        // CORE_ENV_<NAME>=value: <NAME>=value in the environment of the servers the harness starts only (A/B experiments
        // with runtime settings, e.g. CORE_ENV_DOTNET_TieredPGO=0), not in the harness's own.
        foreach (var (name, value) in Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>().Select(entry => ((string)entry.Key, (string?)entry.Value)))
        {
            if (name.StartsWith("CORE_ENV_", StringComparison.Ordinal) && name.Length > "CORE_ENV_".Length)
            {
                start.Environment[name["CORE_ENV_".Length..]] = value;
            }
        }

        return Process.Start(start)!;
    }

    private async Task WaitUntilServingAsync()
    {
        using var channel = GrpcChannel.ForAddress(Address);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException("the server exited:\n" + Output);
            }

            try
            {
                var health = await new Grpc.Health.V1.Health.HealthClient(channel).CheckAsync(new Grpc.Health.V1.HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(2));
                FirstHealthAnswer ??= Stopwatch.GetElapsedTime(_launched);
                if (health.Status == Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving)
                {
                    ServingAfter = Stopwatch.GetElapsedTime(_launched);
                    return;
                }
            }
            catch (RpcException) when (DateTime.UtcNow < deadline)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the server did not start:\n" + Output);
            }

            await Task.Delay(20);
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
