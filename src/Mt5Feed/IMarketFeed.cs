using TradingCore.Engine.Domain;

namespace TradingCore.Mt5Feed;

/// <summary>
/// A source of ticks. <see cref="RunAsync"/> delivers ticks in time order until the source ends or the token is
/// cancelled. Every tick has both sides (feeds forward-fill), a positive bid and ask &gt;= bid, UTC time in ms.
/// </summary>
public interface IMarketFeed
{
    /// <summary>Short name for logs and health, e.g. "synthetic" or "replay:EURUSD.csv".</summary>
    string Name { get; }

    /// <summary>Symbols this feed quotes.</summary>
    IReadOnlyList<string> Symbols { get; }

    /// <summary>Writes ticks to <paramref name="writer"/> until cancelled or the feed ends.</summary>
    Task RunAsync(ITickWriter writer, CancellationToken cancellationToken);
}
