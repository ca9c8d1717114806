using TradingCore.Configuration;
using TradingCore.Mt5Feed;
using TradingCore.Mt5Feed.Bridge;
using TradingCore.Mt5Feed.Replay;
using TradingCore.Mt5Feed.Synthetic;
using TradingCore.Symbols;

namespace TradingCore.Hosting;

/// <summary>Builds the configured feed and checks that the catalog knows every symbol it quotes.</summary>
internal static class FeedFactory
{
    public static IMarketFeed? Create(FeedOptions options, SymbolCatalog catalog, IFeedObserver observer, TimeProvider time)
    {
        IMarketFeed? feed = options.Kind switch
        {
            FeedKind.Synthetic => new SyntheticFeed(
                [.. SyntheticSymbol.Defaults.Where(symbol => catalog.Contains(symbol.Symbol))],
                options.Synthetic,
                time),
            FeedKind.Replay => new ReplayFeed(options.Replay, time, symbol => catalog.Find(symbol)?.Spec),
            FeedKind.Bridge => new BridgeFeed(options.Bridge, observer, time),
            FeedKind.None => null,
            _ => throw new InvalidOperationException($"unknown TradingCore:Feed:Kind '{options.Kind}'"),
        };
        var unknown = feed?.Symbols.Where(symbol => !catalog.Contains(symbol)).ToArray() ?? [];
        if (unknown.Length > 0)
        {
            throw new InvalidOperationException(
                $"feed {feed!.Name} quotes {string.Join(", ", unknown)}, which the symbol catalog does not know (known: {string.Join(", ", catalog.All.Select(spec => spec.Name))})");
        }

        return feed;
    }
}
