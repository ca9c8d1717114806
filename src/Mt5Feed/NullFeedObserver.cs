using TradingCore.Engine.Domain;

namespace TradingCore.Mt5Feed;

/// <summary>An observer that ignores everything (for feeds used without a host).</summary>
public sealed class NullFeedObserver : IFeedObserver
{
    /// <summary>The shared instance.</summary>
    public static NullFeedObserver Instance { get; } = new();

    /// <inheritdoc />
    public void SymbolAnnounced(string feed, SymbolSpec spec)
    {
    }

    /// <inheritdoc />
    public void StateChanged(string feed, FeedState state, string reason, IReadOnlyCollection<string> symbols)
    {
    }

    /// <inheritdoc />
    public void Rejected(string feed, string reason)
    {
    }
}
