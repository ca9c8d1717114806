using System.Globalization;

namespace TradingCore.Mt5Feed.Replay;

/// <summary>Field parsers shared by the MT5 export formats: dot-separated dates, times, decimals. Pure and allocation-free.</summary>
internal static class Mt5ExportFields
{
    /// <summary>Parses "yyyy.MM.dd" (years 1970 to 2999, the admitted time range) into days since the Unix epoch.</summary>
    public static bool TryParseDate(ReadOnlySpan<char> text, out long epochDays)
    {
        epochDays = 0;
        if (text.Length != 10 || text[4] != '.' || text[7] != '.'
            || !TryDigits(text[..4], out var year) || !TryDigits(text.Slice(5, 2), out var month) || !TryDigits(text.Slice(8, 2), out var day)
            || year < 1970 || year >= 3000 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        epochDays = (long)(new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc) - DateTime.UnixEpoch).TotalDays;
        return true;
    }

    /// <summary>Parses "HH:mm:ss" or "HH:mm:ss.fff" into milliseconds since midnight.</summary>
    public static bool TryParseTime(ReadOnlySpan<char> text, out long milliseconds)
    {
        milliseconds = 0;
        if ((text.Length != 8 && text.Length != 12) || text[2] != ':' || text[5] != ':'
            || !TryDigits(text[..2], out var hours) || !TryDigits(text.Slice(3, 2), out var minutes) || !TryDigits(text.Slice(6, 2), out var seconds)
            || hours > 23 || minutes > 59 || seconds > 59)
        {
            return false;
        }

        var millis = 0;
        if (text.Length == 12 && (text[8] != '.' || !TryDigits(text.Slice(9, 3), out millis)))
        {
            return false;
        }

        milliseconds = ((hours * 60L + minutes) * 60L + seconds) * 1000L + millis;
        return true;
    }

    /// <summary>Parses a plain decimal ("1.08412", "-0.5"); exponents and thousands separators are refused.</summary>
    public static bool TryParseDecimal(ReadOnlySpan<char> text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);

    private static bool TryDigits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = value * 10 + (c - '0');
        }

        return text.Length > 0;
    }
}
