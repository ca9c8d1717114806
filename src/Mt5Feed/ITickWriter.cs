using TradingCore.Engine.Domain;

namespace TradingCore.Mt5Feed;

/// <summary>Where a feed delivers ticks (the engine's input). May wait when the consumer is full.</summary>
public interface ITickWriter
{
    /// <summary>Hands one tick to the core (waits when the core's input is full).</summary>
    ValueTask WriteAsync(Tick tick, CancellationToken cancellationToken);
}
