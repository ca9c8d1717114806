using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Execution;

/// <summary>
/// A resting price and the quote condition that reaches it. Every trigger the engine knows (pending orders, stop
/// loss, take profit) is one of these, so they can be kept ordered by price and a tick touches only what it crosses.
/// </summary>
public readonly record struct PriceTrigger(TriggerCondition Condition, decimal Price)
{
    /// <summary>Whether <paramref name="quote"/> reaches the price.</summary>
    public bool IsMetBy(in Tick quote) => Condition switch
    {
        TriggerCondition.AskAtOrBelow => quote.Ask <= Price,
        TriggerCondition.AskAtOrAbove => quote.Ask >= Price,
        TriggerCondition.BidAtOrAbove => quote.Bid >= Price,
        _ => quote.Bid <= Price,
    };

    /// <summary>The stop loss of a position: longs close at bid at or below it, shorts at ask at or above it.</summary>
    public static PriceTrigger StopLossOf(bool isLong, decimal price) =>
        new(isLong ? TriggerCondition.BidAtOrBelow : TriggerCondition.AskAtOrAbove, price);

    /// <summary>The take profit of a position: longs close at bid at or above it, shorts at ask at or below it.</summary>
    public static PriceTrigger TakeProfitOf(bool isLong, decimal price) =>
        new(isLong ? TriggerCondition.BidAtOrAbove : TriggerCondition.AskAtOrBelow, price);
}
