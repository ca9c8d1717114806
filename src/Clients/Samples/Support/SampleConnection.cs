using System.Text.Json;
using TradingCore.Client;

namespace TradingCore.Samples;

/// <summary>
/// Where a sample finds its server and API key, so that it runs against the README's local server with one
/// command: <c>--address</c>/<c>--key-id</c>/<c>--secret</c>, then the TRADINGCORE_* environment variables, then
/// the trader key in the server's <c>bootstrap-credentials.json</c> (searched from the current directory up, at
/// <c>src/TradingCore/data/</c>, as a fresh clone has it after the first start).
/// </summary>
public static class SampleConnection
{
    /// <summary>Where the server writes its first-start credentials (used when no key is given).</summary>
    public const string BootstrapPath = "src/TradingCore/data/bootstrap-credentials.json";

    /// <summary>Client options from the command line's address and key (each may be null), then the environment, then the bootstrap file.</summary>
    public static TradingCoreClientOptions Options(string? address, string? keyId, string? secret)
    {
        var options = TradingCoreClientOptions.FromEnvironment();
        if (address is not null)
        {
            options.Address = Uri.TryCreate(address, UriKind.Absolute, out var uri) ? uri : throw new ArgumentException($"--address: '{address}' is not an absolute URI (e.g. http://127.0.0.1:50051)");
        }

        options.ApiKeyId = keyId ?? options.ApiKeyId;
        options.ApiKeySecret = secret ?? options.ApiKeySecret;
        if (string.IsNullOrEmpty(options.ApiKeyId) && FindUp(BootstrapPath) is { } bootstrap)
        {
            using var document = JsonDocument.Parse(File.ReadAllText(bootstrap));
            options.ApiKeyId = document.RootElement.GetProperty("trader_key_id").GetString();
            options.ApiKeySecret = document.RootElement.GetProperty("trader_secret").GetString();
        }

        if (string.IsNullOrEmpty(options.ApiKeyId))
        {
            throw new InvalidOperationException($"no API key: pass --key-id and --secret, set {TradingCoreClientOptions.KeyIdVariable}/{TradingCoreClientOptions.KeySecretVariable}, or start the server once so that {BootstrapPath} exists");
        }

        return options;
    }

    /// <summary>A token cancelled by Ctrl+C (the process then ends normally instead of being killed).</summary>
    public static CancellationToken CancelOnCtrlC()
    {
        var source = new CancellationTokenSource();
        Console.CancelKeyPress += (_, press) =>
        {
            press.Cancel = true;
            source.Cancel();
        };
        return source.Token;
    }

    private static string? FindUp(string relative)
    {
        for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
