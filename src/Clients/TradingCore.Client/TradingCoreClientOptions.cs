namespace TradingCore.Client;

/// <summary>How a <see cref="TradingCoreClient"/> reaches and authenticates with a Trading Core server.</summary>
public sealed class TradingCoreClientOptions
{
    /// <summary>Environment variable holding the server address (see <see cref="FromEnvironment"/>).</summary>
    public const string AddressVariable = "TRADINGCORE_ADDRESS";

    /// <summary>Environment variable holding the API key id.</summary>
    public const string KeyIdVariable = "TRADINGCORE_KEY_ID";

    /// <summary>Environment variable holding the API key secret.</summary>
    public const string KeySecretVariable = "TRADINGCORE_KEY_SECRET";

    /// <summary>Server address, e.g. http://127.0.0.1:50051 (h2c) or an https address.</summary>
    public Uri Address { get; set; } = new("http://127.0.0.1:50051");

    /// <summary>
    /// Every endpoint of one deployment, e.g. an active core and its hot standby; when set, <see cref="Address"/> is
    /// not used. The client calls one and moves to the next when a call fails UNAVAILABLE or DEADLINE_EXCEEDED (a
    /// dead core, a standby, a stopping core); retries and stream reconnections follow it. Empty: <see cref="Address"/> alone.
    /// </summary>
    public IList<Uri> Addresses { get; } = [];

    /// <summary>The endpoints the client uses: <see cref="Addresses"/>, or <see cref="Address"/> alone.</summary>
    public IReadOnlyList<Uri> Endpoints => Addresses.Count > 0 ? [.. Addresses] : [Address];

    /// <summary>
    /// API key id. With <see cref="ApiKeySecret"/> the client logs in by itself before the first call, refreshes
    /// the access token before it expires and logs in again when the server no longer accepts it.
    /// </summary>
    public string? ApiKeyId { get; set; }

    /// <summary>API key secret (see <see cref="ApiKeyId"/>).</summary>
    public string? ApiKeySecret { get; set; }

    /// <summary>Deadline of each unary call attempt.</summary>
    public TimeSpan DefaultDeadline { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries of idempotent calls and reconnection of streams.</summary>
    public RetryOptions Retry { get; set; } = new();

    /// <summary>Refresh the access token when it has less than this left.</summary>
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Clock for token expiry and backoff delays (tests inject a fake one).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Options from <c>TRADINGCORE_ADDRESS</c> (one address or several, comma-separated), <c>TRADINGCORE_KEY_ID</c> and <c>TRADINGCORE_KEY_SECRET</c>; unset
    /// variables keep the defaults (address http://127.0.0.1:50051, no key).
    /// </summary>
    public static TradingCoreClientOptions FromEnvironment()
    {
        var options = new TradingCoreClientOptions
        {
            ApiKeyId = Environment.GetEnvironmentVariable(KeyIdVariable),
            ApiKeySecret = Environment.GetEnvironmentVariable(KeySecretVariable),
        };
        if (Environment.GetEnvironmentVariable(AddressVariable) is { Length: > 0 } address)
        {
            // One address, or several separated by commas (an active core and its standby).
            var addresses = address.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(one => new Uri(one)).ToList();
            options.Address = addresses[0];
            if (addresses.Count > 1)
            {
                foreach (var one in addresses)
                {
                    options.Addresses.Add(one);
                }
            }
        }

        return options;
    }

    internal bool HasCredentials => !string.IsNullOrEmpty(ApiKeyId) && !string.IsNullOrEmpty(ApiKeySecret);
}

/// <summary>Retry and reconnect policy: exponential backoff with jitter between attempts.</summary>
public sealed class RetryOptions
{
    /// <summary>Attempts of one idempotent unary call (order submission included), the first one counted.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Delay before the first retry; doubles on each further one.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest delay between two attempts.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Consecutive failed reconnections after which a stream gives up and throws; null = keep reconnecting until
    /// the caller cancels. A stream that delivered a message starts counting again.
    /// </summary>
    public int? StreamMaxReconnects { get; set; }
}
