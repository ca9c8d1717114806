namespace TradingCore.Mt5Feed.Bridge;

/// <summary>One terminal (MT5 account) allowed to connect to the bridge.</summary>
public sealed class BridgeTerminalOptions
{
    /// <summary>MT5 login (account number) the EA announces.</summary>
    public long Login { get; set; }

    /// <summary>Shared secret the EA sends in its hello; at least 16 characters.</summary>
    public string Secret { get; set; } = "";
}
