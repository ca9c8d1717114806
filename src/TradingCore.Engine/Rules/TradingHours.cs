using System.Runtime.CompilerServices;
using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Rules;

/// <summary>
/// A symbol's trade sessions against the engine's clock (UTC): the time is moved into trade-server time with the
/// symbol's <see cref="SymbolSpec.ServerUtcOffsetMinutes"/>, then looked up by weekday and minute. A symbol without
/// sessions trades at all times. docs/accounting.md, "Trading sessions".
/// </summary>
internal static class TradingHours
{
    private const long MinuteMs = 60_000;
    private const long DayMs = 86_400_000;

    /// <summary>Each spec's sessions, parsed once (specs are immutable and live as long as their symbol).</summary>
    private static readonly ConditionalWeakTable<SymbolSpec, TradeSession[]> Parsed = [];

    /// <summary>The spec's trade sessions (none: always open). A spec is validated before it is used, so its text parses.</summary>
    public static TradeSession[] Sessions(SymbolSpec spec) =>
        spec.TradeSessions.Length == 0 ? [] : Parsed.GetValue(spec, static spec => TradeSession.ParseList(spec.TradeSessions) ?? []);

    /// <summary>Whether <paramref name="spec"/> trades at <paramref name="nowMs"/> (UTC epoch ms).</summary>
    public static bool IsOpen(SymbolSpec spec, long nowMs)
    {
        var sessions = Sessions(spec);
        if (sessions.Length == 0)
        {
            return true;
        }

        var (day, minute) = ServerDayAndMinute(spec, nowMs);
        foreach (var session in sessions)
        {
            if (session.Contains(day, minute))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// When a DAY order placed at <paramref name="nowMs"/> expires: the end of the last trade session of the
    /// current server day that ends after now, or the server's midnight when none does (or the symbol has no
    /// sessions). UTC epoch ms.
    /// </summary>
    public static long EndOfTradingDay(SymbolSpec spec, long nowMs)
    {
        var midnight = NextServerMidnight(spec, nowMs);
        var (day, minute) = ServerDayAndMinute(spec, nowMs);
        var lastEnd = -1;
        foreach (var session in Sessions(spec))
        {
            if (session.Day == day && session.ToMinute > minute && session.ToMinute > lastEnd)
            {
                lastEnd = session.ToMinute;
            }
        }

        return lastEnd < 0 ? midnight : midnight - DayMs + (lastEnd * MinuteMs);
    }

    /// <summary>The server's first midnight after <paramref name="timeMs"/> (UTC epoch ms).</summary>
    public static long NextServerMidnight(SymbolSpec spec, long timeMs)
    {
        var offset = spec.ServerUtcOffsetMinutes * MinuteMs;
        var local = timeMs + offset;
        var days = local >= 0 ? local / DayMs : ((local + 1) / DayMs) - 1;
        return ((days + 1) * DayMs) - offset;
    }

    /// <summary>The server's weekday at <paramref name="timeMs"/> (UTC epoch ms).</summary>
    public static DayOfWeek ServerDay(SymbolSpec spec, long timeMs) => ServerDayAndMinute(spec, timeMs).Day;

    private static (DayOfWeek Day, int Minute) ServerDayAndMinute(SymbolSpec spec, long timeMs)
    {
        var local = timeMs + (spec.ServerUtcOffsetMinutes * MinuteMs);
        var days = local >= 0 ? local / DayMs : ((local + 1) / DayMs) - 1;
        var minute = (int)((local - (days * DayMs)) / MinuteMs);

        // 1970-01-01 was a Thursday.
        var day = (DayOfWeek)(int)(((days % 7) + 7 + (int)DayOfWeek.Thursday) % 7);
        return (day, minute);
    }
}
