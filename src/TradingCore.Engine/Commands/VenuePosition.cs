namespace TradingCore.Engine.Commands;

/// <summary>One open position on the MT5 trade server, as the terminal's EA listed it in a reconciliation sweep.</summary>
/// <param name="Mt5PositionId">POSITION_IDENTIFIER.</param>
/// <param name="Symbol">POSITION_SYMBOL.</param>
/// <param name="IsBuy">POSITION_TYPE is BUY (else SELL).</param>
/// <param name="Volume">POSITION_VOLUME, lots.</param>
/// <param name="PriceOpen">POSITION_PRICE_OPEN (the weighted average).</param>
public sealed record VenuePosition(ulong Mt5PositionId, string Symbol, bool IsBuy, decimal Volume, decimal PriceOpen)
{
    /// <summary>POSITION_SL (null: none).</summary>
    public decimal? StopLoss { get; init; }

    /// <summary>POSITION_TP (null: none).</summary>
    public decimal? TakeProfit { get; init; }
}
