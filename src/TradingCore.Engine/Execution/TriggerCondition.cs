namespace TradingCore.Engine.Execution;

/// <summary>Which side of the quote a resting price is compared with, and in which direction it fires.</summary>
public enum TriggerCondition
{
    /// <summary>Fires when ask ≤ price (buy limit; a short position's take profit).</summary>
    AskAtOrBelow,

    /// <summary>Fires when ask ≥ price (buy stop and stop-limit; a short position's stop loss).</summary>
    AskAtOrAbove,

    /// <summary>Fires when bid ≥ price (sell limit; a long position's take profit).</summary>
    BidAtOrAbove,

    /// <summary>Fires when bid ≤ price (sell stop and stop-limit; a long position's stop loss).</summary>
    BidAtOrBelow,
}
