namespace TradingCore.Engine.Domain;

/// <summary>Classification of <see cref="TradeRetcode"/> values.</summary>
public static class TradeRetcodeExtensions
{
    /// <summary>True for the MT5 success family: PLACED, DONE, DONE_PARTIAL.</summary>
    public static bool IsSuccess(this TradeRetcode code) =>
        code is TradeRetcode.Placed or TradeRetcode.Done or TradeRetcode.DonePartial;
}
