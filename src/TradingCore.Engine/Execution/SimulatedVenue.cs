using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Execution;

/// <summary>
/// A venue with unlimited liquidity at the quote: buys fill at the ask, sells at the bid, always the whole volume
/// (so FOK, IOC and RETURN behave alike). Pending orders trigger on the side they would fill at: buy limit when
/// ask ≤ price, buy stop (and stop-limit) when ask ≥ price, sell limit when bid ≥ price, sell stop (and stop-limit)
/// when bid ≤ price. Stateless and thread-safe.
/// </summary>
public sealed class SimulatedVenue : IExecutionVenue
{
    /// <summary>The shared instance (stateless).</summary>
    public static SimulatedVenue Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "simulated";

    /// <inheritdoc />
    public bool TryFillMarket(in Tick quote, bool isBuy, decimal volume, OrderFilling filling, out decimal price)
    {
        price = isBuy ? quote.Ask : quote.Bid;
        return true;
    }

    /// <inheritdoc />
    public PriceTrigger? TriggerOf(Order order) => order.PriceOpen is not { } price ? null : order.Type switch
    {
        OrderType.BuyLimit => new PriceTrigger(TriggerCondition.AskAtOrBelow, price),
        OrderType.SellLimit => new PriceTrigger(TriggerCondition.BidAtOrAbove, price),
        OrderType.BuyStop or OrderType.BuyStopLimit => new PriceTrigger(TriggerCondition.AskAtOrAbove, price),
        OrderType.SellStop or OrderType.SellStopLimit => new PriceTrigger(TriggerCondition.BidAtOrBelow, price),
        _ => null,
    };
}
