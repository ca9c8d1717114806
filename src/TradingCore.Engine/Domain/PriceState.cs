namespace TradingCore.Engine.Domain;

/// <summary>How well the figures of a position or an account are priced.</summary>
public enum PriceState
{
    /// <summary>Every price involved comes from a live quote.</summary>
    Live = 1,

    /// <summary>At least one price is the last known quote of a symbol whose feed is silent or down (or not yet back after a restart).</summary>
    Stale = 2,

    /// <summary>
    /// A figure cannot be computed: no quote for a symbol or its conversion to the account currency, or a result
    /// beyond <see cref="ValueRanges.MaxBookedMoney"/>. The figures are then not reported, and no decision is taken on them.
    /// </summary>
    Missing = 3,
}
