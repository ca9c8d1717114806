using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Rules;

/// <summary>When a pending order of each lifetime (MT5 ORDER_TIME_*) stops being valid.</summary>
internal static class OrderExpiry
{
    private const long DayMs = 86_400_000;

    /// <summary>
    /// The expiry in UTC epoch ms: DAY at the next UTC midnight, SPECIFIED at the given time, SPECIFIED_DAY at the
    /// midnight after the given time; 0 for GTC (and for a time out of range, which validation refuses).
    /// </summary>
    public static long Of(OrderTimeType timeType, long expirationMs, long nowMs) => timeType switch
    {
        OrderTimeType.Day => NextUtcMidnight(nowMs),
        OrderTimeType.Specified when ValueRanges.IsTime(expirationMs) => expirationMs,
        OrderTimeType.SpecifiedDay when ValueRanges.IsTime(expirationMs) => NextUtcMidnight(expirationMs),
        _ => 0,
    };

    private static long NextUtcMidnight(long timeMs)
    {
        var days = timeMs >= 0 ? timeMs / DayMs : ((timeMs + 1) / DayMs) - 1;
        return (days + 1) * DayMs;
    }
}
