using TradingCore.Mt5Feed.Bridge;
using TradingCore.Mt5Feed.Replay;
using TradingCore.Mt5Feed.Synthetic;

namespace TradingCore.Configuration;

/// <summary>Feed selection (TradingCore:Feed).</summary>
public sealed class FeedOptions
{
    /// <summary>Which feed runs: Synthetic (default), Replay or Bridge.</summary>
    public FeedKind Kind { get; set; } = FeedKind.Synthetic;

    /// <summary>Settings of the synthetic feed.</summary>
    public SyntheticFeedOptions Synthetic { get; set; } = new();

    /// <summary>Settings of the replay of MT5 exports.</summary>
    public ReplayOptions Replay { get; set; } = new();

    /// <summary>Settings of the live MT5 bridge listener.</summary>
    public BridgeOptions Bridge { get; set; } = new();

    /// <summary>A symbol without a tick for longer is stale: market orders on it get PRICE_OFF (ms).</summary>
    public int SymbolStaleAfterMs { get; set; } = 60_000;
}
