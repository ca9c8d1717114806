using TradingCore.Engine.Domain;

namespace TradingCore.Mt5Feed;

/// <summary>Where a feed delivers ticks (the engine's input). May wait when the consumer is full.</summary>
public interface ITickWriter
{
    ValueTask WriteAsync(Tick tick, CancellationToken cancellationToken);
}
