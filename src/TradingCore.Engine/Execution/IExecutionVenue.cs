using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Execution;

/// <summary>
/// Where orders execute. The engine asks its venue, on the engine thread, whether and at what price an order fills
/// against the current quote, and whether a quote triggers a resting order. Implementations must be pure
/// functions of their arguments (the engine stays deterministic) and must not block.
/// The simulated venue fills whole volumes at the quote; a routed venue (the live MT5 route) will answer "not
/// filled now" and report fills back as engine inputs.
/// </summary>
public interface IExecutionVenue
{
    /// <summary>Short name for logs, e.g. "simulated".</summary>
    string Name { get; }

    /// <summary>
    /// Fills a market order of <paramref name="volume"/> lots against <paramref name="quote"/>. Returns false when
    /// the venue does not fill it now (the order is then rejected with REJECT 10006).
    /// </summary>
    bool TryFillMarket(in Tick quote, bool isBuy, decimal volume, OrderFilling filling, out decimal price);

    /// <summary>
    /// The quote condition that triggers a resting order, or null for an order that no quote triggers. A pure
    /// function of the order: the engine keeps resting orders indexed by it, so a tick touches only what it crosses.
    /// </summary>
    PriceTrigger? TriggerOf(Order order);
}
