using TradingCore.Mt5Feed.Bridge;
using TradingCore.Mt5Feed.Replay;
using TradingCore.Mt5Feed.Synthetic;

namespace TradingCore.Hosting;

/// <summary>Feed selection (TradingCore:Feed).</summary>
public sealed class FeedOptions
{
    public FeedKind Kind { get; set; } = FeedKind.Synthetic;

    public SyntheticFeedOptions Synthetic { get; set; } = new();

    public ReplayOptions Replay { get; set; } = new();

    public BridgeOptions Bridge { get; set; } = new();

    /// <summary>A symbol without a tick for longer is stale: market orders on it get PRICE_OFF (ms).</summary>
    public int SymbolStaleAfterMs { get; set; } = 60_000;
}
