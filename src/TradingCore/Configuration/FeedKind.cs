namespace TradingCore.Configuration;

/// <summary>Which market-data feed drives the core.</summary>
public enum FeedKind
{
    /// <summary>Random-walk prices for the default symbols (the default).</summary>
    Synthetic = 0,

    /// <summary>Replay of an MT5 tick export file.</summary>
    Replay = 1,

    /// <summary>No feed: ticks arrive only from tests or tools that publish into the engine.</summary>
    None = 2,

    /// <summary>The live MT5 bridge: Expert Advisors connect to a TCP listener.</summary>
    Bridge = 3,
}
