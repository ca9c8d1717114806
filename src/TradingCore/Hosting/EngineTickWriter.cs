using TradingCore.Engine.Domain;
using TradingCore.Engine.Loop;
using TradingCore.Mt5Feed;

namespace TradingCore.Hosting;

/// <summary>Connects a feed to the engine's input channel.</summary>
internal sealed class EngineTickWriter(TradingEngine engine) : ITickWriter
{
    public ValueTask WriteAsync(Tick tick, CancellationToken cancellationToken) => engine.PublishTickAsync(tick, cancellationToken);
}
