namespace TradingCore.Engine.Domain;

/// <summary>
/// One session of a symbol in trade-server time (MT5 SymbolInfoSessionTrade / SymbolInfoSessionQuote): on
/// <paramref name="Day"/>, from minute <paramref name="FromMinute"/> up to (not including) minute
/// <paramref name="ToMinute"/> of the day, 0..1440 (1440 = 24:00). A session across midnight is two sessions.
/// </summary>
/// <param name="Day">The weekday (Sunday = 0, as MT5's ENUM_DAY_OF_WEEK).</param>
/// <param name="FromMinute">First minute of the session, 0..1439.</param>
/// <param name="ToMinute">Minute the session ends at, after <paramref name="FromMinute"/>, at most 1440.</param>
public readonly record struct TradeSession(DayOfWeek Day, int FromMinute, int ToMinute)
{
    /// <summary>Minutes in a day.</summary>
    public const int DayMinutes = 1440;

    private static readonly string[] DayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

    /// <summary>Whether the minute <paramref name="minuteOfDay"/> of <paramref name="day"/> is inside the session.</summary>
    public bool Contains(DayOfWeek day, int minuteOfDay) => day == Day && minuteOfDay >= FromMinute && minuteOfDay < ToMinute;

    /// <summary>"Mon 00:05-23:55".</summary>
    public override string ToString() => $"{DayNames[(int)Day]} {FromMinute / 60:00}:{FromMinute % 60:00}-{ToMinute / 60:00}:{ToMinute % 60:00}";

    /// <summary>
    /// Reads "Mon 00:05-23:55; Tue 00:05-23:55" (days Sun..Sat, 24:00 allowed as an end, sessions separated by ";"):
    /// the sessions, empty for an empty text, null when the text is not of that form.
    /// </summary>
    public static TradeSession[]? ParseList(string text)
    {
        var parts = text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var sessions = new TradeSession[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part.Length != 15 || part[3] != ' ' || part[9] != '-')
            {
                return null;
            }

            var day = Array.IndexOf(DayNames, part[..3]);
            if (day < 0 || Minute(part.AsSpan(4, 5)) is not { } from || Minute(part.AsSpan(10, 5)) is not { } to || from >= DayMinutes || to <= from)
            {
                return null;
            }

            sessions[i] = new TradeSession((DayOfWeek)day, from, to);
        }

        return sessions;
    }

    private static int? Minute(ReadOnlySpan<char> text)
    {
        if (text[2] != ':' || !char.IsAsciiDigit(text[0]) || !char.IsAsciiDigit(text[1]) || !char.IsAsciiDigit(text[3]) || !char.IsAsciiDigit(text[4]))
        {
            return null;
        }

        var hours = ((text[0] - '0') * 10) + (text[1] - '0');
        var minutes = ((text[3] - '0') * 10) + (text[4] - '0');
        return minutes < 60 && (hours < 24 || (hours == 24 && minutes == 0)) ? (hours * 60) + minutes : null;
    }
}
