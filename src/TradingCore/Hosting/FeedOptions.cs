using TradingCore.Mt5Feed.Replay;
using TradingCore.Mt5Feed.Synthetic;

namespace TradingCore.Hosting;

/// <summary>Feed selection (TradingCore:Feed).</summary>
public sealed class FeedOptions
{
    public FeedKind Kind { get; set; } = FeedKind.Synthetic;

    public SyntheticFeedOptions Synthetic { get; set; } = new();

    public ReplayOptions Replay { get; set; } = new();
}
