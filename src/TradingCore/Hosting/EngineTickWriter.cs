using TradingCore.Engine.Domain;
using TradingCore.Engine.Loop;
using TradingCore.Feeds;
using TradingCore.Mt5Feed;

namespace TradingCore.Hosting;

/// <summary>Connects a feed to the engine's input channel, telling the feed monitor each symbol is alive.</summary>
internal sealed class EngineTickWriter(TradingEngine engine, FeedMonitor monitor) : ITickWriter
{
    public ValueTask WriteAsync(Tick tick, CancellationToken cancellationToken)
    {
        monitor.TickReceived(tick.Symbol);
        return engine.PublishTickAsync(tick, cancellationToken);
    }
}
