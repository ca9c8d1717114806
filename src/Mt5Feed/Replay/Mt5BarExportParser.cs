using System.Globalization;
using TradingCore.Engine.Domain;

namespace TradingCore.Mt5Feed.Replay;

/// <summary>
/// Parses MT5 bar exports (Symbols → Bars → Export): intraday files have 9 TAB-separated columns
/// <c>&lt;DATE&gt; &lt;TIME&gt; &lt;OPEN&gt; &lt;HIGH&gt; &lt;LOW&gt; &lt;CLOSE&gt; &lt;TICKVOL&gt; &lt;VOL&gt; &lt;SPREAD&gt;</c>; daily, weekly
/// and monthly files have no &lt;TIME&gt; column (8 columns). The header decides which. Pure; no allocation per line.
/// </summary>
public static class Mt5BarExportParser
{
    /// <summary>Largest tick count or traded volume of a bar (<see cref="ValueRanges.MaxTradedVolume"/>).</summary>
    private const long MaxVolume = 1_000_000_000_000;

    /// <summary>Reads the header: true for the 9-column (with &lt;TIME&gt;) layout, false for 8 columns; null when not a bar header.</summary>
    public static bool? HasTimeColumn(ReadOnlySpan<char> header)
    {
        header = header.Trim();
        if (!header.StartsWith("<DATE>", StringComparison.Ordinal) || !header.Contains("<OPEN>", StringComparison.Ordinal))
        {
            return null;
        }

        return header.Contains("<TIME>", StringComparison.Ordinal);
    }

    /// <summary>Parses one line of an MT5 bar export, or explains why it cannot.</summary>
    public static bool TryParse(ReadOnlySpan<char> line, bool hasTime, out Mt5BarRow row, out string? error)
    {
        row = default;
        line = line.TrimEnd("\r\n\t ");
        Span<Range> columns = stackalloc Range[11];
        var expected = hasTime ? 9 : 8;
        var count = line.Split(columns, '\t');
        if (count != expected)
        {
            error = $"expected {expected} TAB-separated columns, found {count}";
            return false;
        }

        if (!Mt5ExportFields.TryParseDate(line[columns[0]], out var days))
        {
            error = $"<DATE> '{line[columns[0]]}' is not yyyy.MM.dd";
            return false;
        }

        long timeOfDay = 0;
        if (hasTime && !Mt5ExportFields.TryParseTime(line[columns[1]], out timeOfDay))
        {
            error = $"<TIME> '{line[columns[1]]}' is not HH:mm:ss";
            return false;
        }

        var first = hasTime ? 2 : 1;
        if (!Mt5ExportFields.TryParseDecimal(line[columns[first]], out var open) || !Mt5ExportFields.TryParseDecimal(line[columns[first + 1]], out var high)
            || !Mt5ExportFields.TryParseDecimal(line[columns[first + 2]], out var low) || !Mt5ExportFields.TryParseDecimal(line[columns[first + 3]], out var close))
        {
            error = "<OPEN>, <HIGH>, <LOW> and <CLOSE> must be decimal numbers";
            return false;
        }

        if (!ValueRanges.IsPrice(open) || !ValueRanges.IsPrice(high) || !ValueRanges.IsPrice(low) || !ValueRanges.IsPrice(close))
        {
            error = "<OPEN>, <HIGH>, <LOW> and <CLOSE> " + ValueRanges.PriceRule;
            return false;
        }

        if (high < low || open < low || open > high || close < low || close > high)
        {
            error = "prices must be positive with <LOW> <= <OPEN>, <CLOSE> <= <HIGH>";
            return false;
        }

        if (!long.TryParse(line[columns[first + 4]], NumberStyles.None, CultureInfo.InvariantCulture, out var tickVolume)
            || !long.TryParse(line[columns[first + 5]], NumberStyles.None, CultureInfo.InvariantCulture, out var volume)
            || !int.TryParse(line[columns[first + 6]], NumberStyles.None, CultureInfo.InvariantCulture, out var spread))
        {
            error = "<TICKVOL>, <VOL> and <SPREAD> must be unsigned integers";
            return false;
        }

        if (tickVolume > MaxVolume || volume > MaxVolume)
        {
            error = "<TICKVOL> and <VOL> must be at most 1000000000000";
            return false;
        }

        row = new Mt5BarRow(days * 86_400_000L + timeOfDay, open, high, low, close, tickVolume, volume, spread);
        error = null;
        return true;
    }
}
