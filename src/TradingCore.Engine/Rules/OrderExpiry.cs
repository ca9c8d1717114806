using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Rules;

/// <summary>When a pending order of each lifetime (MT5 ORDER_TIME_*) stops being valid.</summary>
internal static class OrderExpiry
{
    /// <summary>
    /// The expiry in UTC epoch ms: DAY at the end of the symbol's trading day (its last trade session of the server
    /// day, or the server's midnight), SPECIFIED at the given time, SPECIFIED_DAY at the server's midnight after the
    /// given time; 0 for GTC (and for a time out of range, which validation refuses).
    /// </summary>
    public static long Of(SymbolSpec spec, OrderTimeType timeType, long expirationMs, long nowMs) => timeType switch
    {
        OrderTimeType.Day => TradingHours.EndOfTradingDay(spec, nowMs),
        OrderTimeType.Specified when ValueRanges.IsTime(expirationMs) => expirationMs,
        OrderTimeType.SpecifiedDay when ValueRanges.IsTime(expirationMs) => TradingHours.NextServerMidnight(spec, expirationMs),
        _ => 0,
    };
}
