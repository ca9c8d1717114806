using System.Collections.Concurrent;
using TradingCore.Engine.Domain;

namespace TradingCore.Mt5Feed.Tests;

/// <summary>Remembers what a feed reported.</summary>
internal sealed class RecordingObserver : IFeedObserver
{
    public ConcurrentQueue<(string Feed, FeedState State, string Reason)> States { get; } = new();

    public ConcurrentQueue<SymbolSpec> Symbols { get; } = new();

    public ConcurrentQueue<string> Rejections { get; } = new();

    public void SymbolAnnounced(string feed, SymbolSpec spec) => Symbols.Enqueue(spec);

    public void StateChanged(string feed, FeedState state, string reason, IReadOnlyCollection<string> symbols) => States.Enqueue((feed, state, reason));

    public ConcurrentQueue<TickDrop> Drops { get; } = new();

    public void Rejected(string feed, string reason) => Rejections.Enqueue(reason);

    public void Dropped(string feed, TickDrop drop) => Drops.Enqueue(drop);

    public FeedState? Last(string feed) => States.LastOrDefault(entry => entry.Feed == feed) is { Feed: not null } last ? last.State : null;
}
