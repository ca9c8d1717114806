namespace TradingCore.Configuration;

/// <summary>Authentication and abuse limits (TradingCore:Auth). See docs/security.md.</summary>
public sealed class AuthOptions
{
    /// <summary>JWT issuer (iss).</summary>
    public string Issuer { get; set; } = "trading-core";

    /// <summary>JWT audience (aud).</summary>
    public string Audience { get; set; } = "trading-core-api";

    /// <summary>Access token lifetime, minutes.</summary>
    public int TokenLifetimeMinutes { get; set; } = 15;

    /// <summary>
    /// Current HMAC-SHA256 signing key, base64 (at least 32 bytes). Empty: a key file (jwt-signing.key) is created
    /// in the data directory on first start, readable by the owner only.
    /// </summary>
    public string SigningKey { get; set; } = "";

    /// <summary>Earlier signing keys, base64; tokens they signed stay valid until they expire (key rotation).</summary>
    public List<string> PreviousSigningKeys { get; set; } = [];

    /// <summary>Consecutive failed logins from one address before its logins wait (1 s, doubling).</summary>
    public int LoginFailuresPerAddress { get; set; } = 5;

    /// <summary>Longest wait imposed on an address, seconds.</summary>
    public int LoginLockoutMaxSecondsPerAddress { get; set; } = 300;

    /// <summary>Consecutive failed logins against one key id (from anywhere) before its logins wait (1 s, doubling).</summary>
    public int LoginFailuresPerKey { get; set; } = 20;

    /// <summary>Longest wait imposed on a key id, seconds (short: a key's bot must not be locked out for long by others).</summary>
    public int LoginLockoutMaxSecondsPerKey { get; set; } = 60;

    /// <summary>Requests per second each API key may make (token bucket refill).</summary>
    public int RequestsPerSecond { get; set; } = 500;

    /// <summary>Burst size of each API key's token bucket.</summary>
    public int RequestBurst { get; set; } = 1_000;

    /// <summary>Requests per second one remote address may make without a token (login, health, reflection).</summary>
    public int AnonymousRequestsPerSecond { get; set; } = 50;

    /// <summary>Burst size of an address's anonymous token bucket.</summary>
    public int AnonymousRequestBurst { get; set; } = 100;

    /// <summary>Open server streams (tick, event, trade session) per API key.</summary>
    public int MaxStreamsPerKey { get; set; } = 16;

    /// <summary>Symbols one tick subscription may name.</summary>
    public int MaxSymbolsPerSubscription { get; set; } = 100;

    /// <summary>Create the admin and trader keys on first start and write bootstrap-credentials.json.</summary>
    public bool Bootstrap { get; set; } = true;
}
