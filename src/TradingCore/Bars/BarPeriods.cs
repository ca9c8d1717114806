using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Bars;

/// <summary>
/// Where MT5 timeframes' bars begin, in UTC: minutes and hours aligned to the epoch, days at 00:00, weeks on
/// Sunday 00:00 (as MT5 dates weekly bars), months on the first day.
/// </summary>
internal static class BarPeriods
{
    public static readonly Wire.Timeframe[] All =
    [
        Wire.Timeframe.M1, Wire.Timeframe.M5, Wire.Timeframe.M15, Wire.Timeframe.M30, Wire.Timeframe.H1,
        Wire.Timeframe.H4, Wire.Timeframe.D1, Wire.Timeframe.W1, Wire.Timeframe.Mn1,
    ];

    private const long Minute = 60_000;
    private const long Day = 86_400_000;

    /// <summary>Open time of the bar of <paramref name="timeframe"/> that contains <paramref name="timeMs"/>.</summary>
    public static long Start(Wire.Timeframe timeframe, long timeMs) => timeframe switch
    {
        Wire.Timeframe.M1 => Floor(timeMs, Minute),
        Wire.Timeframe.M5 => Floor(timeMs, 5 * Minute),
        Wire.Timeframe.M15 => Floor(timeMs, 15 * Minute),
        Wire.Timeframe.M30 => Floor(timeMs, 30 * Minute),
        Wire.Timeframe.H1 => Floor(timeMs, 60 * Minute),
        Wire.Timeframe.H4 => Floor(timeMs, 240 * Minute),
        Wire.Timeframe.D1 => Floor(timeMs, Day),
        Wire.Timeframe.W1 => WeekStart(timeMs),
        Wire.Timeframe.Mn1 => MonthStart(timeMs),
        _ => throw new ArgumentOutOfRangeException(nameof(timeframe), timeframe, "not a timeframe"),
    };

    /// <summary>Open time of the bar after the one that opens at <paramref name="startMs"/>.</summary>
    public static long Next(Wire.Timeframe timeframe, long startMs) => timeframe switch
    {
        Wire.Timeframe.W1 => startMs + (7 * Day),
        Wire.Timeframe.Mn1 => DateTimeOffset.FromUnixTimeMilliseconds(startMs).AddMonths(1).ToUnixTimeMilliseconds(),
        Wire.Timeframe.D1 => startMs + Day,
        _ => startMs + Length(timeframe),
    };

    private static long Length(Wire.Timeframe timeframe) => timeframe switch
    {
        Wire.Timeframe.M1 => Minute,
        Wire.Timeframe.M5 => 5 * Minute,
        Wire.Timeframe.M15 => 15 * Minute,
        Wire.Timeframe.M30 => 30 * Minute,
        Wire.Timeframe.H1 => 60 * Minute,
        _ => 240 * Minute,
    };

    private static long Floor(long value, long unit) => (value >= 0 ? value : value - unit + 1) / unit * unit;

    private static long WeekStart(long timeMs)
    {
        var day = Floor(timeMs, Day) / Day;
        var sinceSunday = (day + 4) % 7; // 1970-01-01 was a Thursday
        return (day - sinceSunday) * Day;
    }

    private static long MonthStart(long timeMs)
    {
        var time = DateTimeOffset.FromUnixTimeMilliseconds(timeMs);
        return new DateTimeOffset(time.Year, time.Month, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    }
}
