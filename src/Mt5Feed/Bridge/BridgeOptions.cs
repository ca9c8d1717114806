namespace TradingCore.Mt5Feed.Bridge;

/// <summary>Settings of the MT5 bridge listener (config section TradingCore:Feed:Bridge).</summary>
public sealed class BridgeOptions
{
    /// <summary>Address the listener binds, host:port. Loopback by default; the EA must be allowed to reach it.</summary>
    public string Listen { get; set; } = "127.0.0.1:15555";

    /// <summary>The terminals allowed to connect, one per MT5 login, each with its shared secret.</summary>
    public List<BridgeTerminalOptions> Terminals { get; set; } = [];

    /// <summary>How long a new connection may take to send its hello.</summary>
    public int HandshakeTimeoutMs { get; set; } = 5_000;

    /// <summary>A terminal silent (no tick, no heartbeat) for longer is stale.</summary>
    public int StaleAfterMs { get; set; } = 10_000;

    /// <summary>Longest accepted line in bytes.</summary>
    public int MaxLineBytes { get; set; } = 65_536;
}
