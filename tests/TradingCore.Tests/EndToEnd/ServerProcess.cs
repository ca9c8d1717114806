using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace TradingCore.Tests;

/// <summary>
/// The real service as its own process on a free loopback port, started from the host's build output exactly
/// as `dotnet TradingCore.dll` would run in production (its appsettings.json, Kestrel, h2c).
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process, string scheme, int port, int httpPort, int metricsPort)
    {
        MetricsAddress = new Uri($"http://127.0.0.1:{metricsPort}/metrics");
        _process = process;
        Port = port;
        Address = $"{scheme}://127.0.0.1:{port}";
        HttpAddress = new Uri($"http://127.0.0.1:{httpPort}");
        process.OutputDataReceived += (_, line) => Append(line.Data);
        process.ErrorDataReceived += (_, line) => Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }

    /// <summary>Logs in with the bootstrap trader key of <paramref name="dataDirectory"/>.</summary>
    public static async Task<global::Grpc.Core.CallInvoker> TraderAsync(global::Grpc.Net.Client.GrpcChannel channel, string dataDirectory) =>
        Credentials.WithToken(channel.CreateCallInvoker(), await Credentials.LoginAsync(channel.CreateCallInvoker(), Credentials.ReadBootstrap(dataDirectory).Trader));

    public string Address { get; }

    /// <summary>The Prometheus scrape URL.</summary>
    public Uri MetricsAddress { get; }

    /// <summary>The HTTP/1.1 endpoint of the JSON transcoding routes.</summary>
    public Uri HttpAddress { get; }

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

    public bool HasExited => _process.HasExited;

    public int ProcessId => _process.Id;

    public int ExitCode => _process.ExitCode;

    /// <summary>The service with its gRPC port only (HTTP/JSON and metrics off: fewer ports, fewer chances of a clash).</summary>
    public static ServerProcess Start(string dataDirectory, params string[] extraArguments) => Launch(dataDirectory, "http", new Dictionary<string, string>(), allPorts: false, extraArguments);

    /// <summary>The service started from another working directory than its own (as `dotnet path/to/TradingCore.dll` from elsewhere).</summary>
    public static ServerProcess StartFrom(string workingDirectory, string dataDirectory) => Launch(dataDirectory, "http", new Dictionary<string, string>(), allPorts: false, [], workingDirectory);

    /// <summary>The service with its HTTP/JSON and metrics ports as well (<see cref="HttpAddress"/>, <see cref="MetricsAddress"/>).</summary>
    public static ServerProcess StartWithAllPorts(string dataDirectory) => Launch(dataDirectory, "http", new Dictionary<string, string>(), allPorts: true, []);

    /// <summary>The service with its gRPC URL on https, the certificate given the way operators do (Kestrel:Certificates:Default by environment).</summary>
    public static ServerProcess StartTls(string dataDirectory, string certificatePemPath, string keyPemPath) =>
        Launch(dataDirectory, "https", new Dictionary<string, string> { ["Kestrel__Certificates__Default__Path"] = certificatePemPath, ["Kestrel__Certificates__Default__KeyPath"] = keyPemPath }, allPorts: false, []);

    private static ServerProcess Launch(string dataDirectory, string scheme, Dictionary<string, string> environment, bool allPorts, string[] extraArguments, string? workingDirectory = null)
    {
        var port = FreePort();
        var httpPort = allPorts ? FreePort() : 0;
        var metricsPort = allPorts ? FreePort() : 0;
        var host = HostAssembly();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory ?? Path.GetDirectoryName(host)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        // The suite's store (TestStore): unless the test chose a provider in its own arguments.
        var store = TestStore.Settings(dataDirectory, extraArguments.Select(argument => argument.TrimStart('-').Split('=')[0]))
            .Select(setting => $"--{setting.Key}={setting.Value}");
        foreach (var argument in new[] { host, "--urls", $"{scheme}://127.0.0.1:{port}", allPorts ? $"--TradingCore:HttpJson:Url=http://127.0.0.1:{httpPort}" : "--TradingCore:HttpJson:Url=", allPorts ? $"--TradingCore:Metrics:Url=http://127.0.0.1:{metricsPort}" : "--TradingCore:Metrics:Url=", $"--TradingCore:DataDirectory={dataDirectory}" }.Concat(store).Concat(extraArguments))
        {
            start.ArgumentList.Add(argument);
        }

        return new ServerProcess(Process.Start(start)!, scheme, port, httpPort, metricsPort);
    }

    /// <summary>Sends SIGTERM (what systemd and Ctrl+C-like stops send) and waits for the process to exit.</summary>
    public async Task StopGracefullyAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
    }

    /// <summary>Waits for the process to end by itself (a start that fails).</summary>
    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
    }

    /// <summary>SIGKILL: the process dies at once, with no chance to flush anything.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
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

    /// <summary>src/TradingCore/bin/{configuration}/net10.0/TradingCore.dll of this checkout (built with the tests).</summary>
    private static string HostAssembly()
    {
        var configuration = typeof(ServerProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var path = Path.Combine(Repository.Root, "src", "TradingCore", "bin", configuration, "net10.0", "TradingCore.dll");
        Assert.True(File.Exists(path), $"the host is not built at {path}");
        return path;
    }
}
