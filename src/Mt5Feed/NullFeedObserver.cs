using TradingCore.Engine.Domain;

namespace TradingCore.Mt5Feed;

/// <summary>An observer that ignores everything (for feeds used without a host).</summary>
public sealed class NullFeedObserver : IFeedObserver
{
    public static NullFeedObserver Instance { get; } = new();

    public void SymbolAnnounced(string feed, SymbolSpec spec)
    {
    }

    public void StateChanged(string feed, FeedState state, string reason, IReadOnlyCollection<string> symbols)
    {
    }

    public void Rejected(string feed, string reason)
    {
    }
}
