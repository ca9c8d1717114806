using TradingCore.Engine.Domain;

namespace TradingCore.Mt5Feed;

/// <summary>
/// What a feed reports besides ticks: symbol specifications it learned, its health, and why it dropped data or
/// connections. Called from feed threads; implementations must be thread-safe and must not block for long.
/// </summary>
public interface IFeedObserver
{
    /// <summary>The feed announced (or re-announced) a symbol's specification.</summary>
    void SymbolAnnounced(string feed, SymbolSpec spec);

    /// <summary>The feed's state changed; <paramref name="symbols"/> are the symbols it quotes.</summary>
    void StateChanged(string feed, FeedState state, string reason, IReadOnlyCollection<string> symbols);

    /// <summary>Something was refused or dropped (a bad frame, a duplicate tick, a rejected connection).</summary>
    void Rejected(string feed, string reason);

    /// <summary>
    /// One frame was refused for its values and the connection goes on (a tick or symbol outside the documented
    /// ranges); <paramref name="kind"/> is a short label for counting (e.g. "tick_out_of_range").
    /// </summary>
    void Refused(string feed, string kind, string reason) => Rejected(feed, reason);
}
