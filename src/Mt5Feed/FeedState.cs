namespace TradingCore.Mt5Feed;

/// <summary>Health of a feed or of one symbol's quotes.</summary>
public enum FeedState
{
    /// <summary>Data is arriving.</summary>
    Connected = 1,

    /// <summary>Connected, but nothing arrived for longer than the stale threshold.</summary>
    Stale = 2,

    /// <summary>No connection (or the feed ended).</summary>
    Disconnected = 3,
}
