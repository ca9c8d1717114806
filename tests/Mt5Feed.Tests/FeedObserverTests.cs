using TradingCore.Engine.Domain;

namespace TradingCore.Mt5Feed.Tests;

/// <summary>What an observer that implements only the required members receives.</summary>
public sealed class FeedObserverTests
{
    [Fact]
    public void Dropped_OnAnObserverWithoutIt_ArrivesAsTheDropsWords()
    {
        var words = new WordsOnly();
        IFeedObserver observer = words;

        observer.Dropped("bridge:1", TickDrop.Duplicate);
        observer.Dropped("bridge:1", TickDrop.OutOfOrder);
        observer.Refused("bridge:1", FrameRefusal.TickOutOfRange, "tick for EURUSD refused: bid must be positive");

        Assert.Equal(["duplicate tick", "out-of-order tick", "tick for EURUSD refused: bid must be positive"], words.Reasons);
    }

    private sealed class WordsOnly : IFeedObserver
    {
        public List<string> Reasons { get; } = [];

        public void SymbolAnnounced(string feed, SymbolSpec spec)
        {
        }

        public void StateChanged(string feed, FeedState state, string reason, IReadOnlyCollection<string> symbols)
        {
        }

        public void Rejected(string feed, string reason) => Reasons.Add(reason);
    }
}
