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
    /// ranges); <paramref name="kind"/> is the label it is counted under (<see cref="FrameRefusal"/>).
    /// </summary>
    void Refused(string feed, string kind, string reason) => Rejected(feed, reason);

    /// <summary>A well-formed tick was dropped (a duplicate or out of order); the connection goes on.</summary>
    void Dropped(string feed, TickDrop drop) => Rejected(feed, drop.Describe());
}
