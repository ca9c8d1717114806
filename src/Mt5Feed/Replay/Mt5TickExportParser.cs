using System.Globalization;
using TradingCore.Engine.Domain;

namespace TradingCore.Mt5Feed.Replay;

/// <summary>
/// Parses lines of an MT5 terminal tick export (Symbols → Ticks → Export):
/// <c>&lt;DATE&gt;\t&lt;TIME&gt;\t&lt;BID&gt;\t&lt;ASK&gt;\t&lt;LAST&gt;\t&lt;VOLUME&gt;\t&lt;FLAGS&gt;</c>, TAB separated, dates
/// "yyyy.MM.dd", times "HH:mm:ss.fff" in trade-server time, blank price columns meaning "unchanged". Pure: no I/O,
/// no allocation for a well-formed line.
/// </summary>
public static class Mt5TickExportParser
{
    /// <summary>The header line MT5 writes.</summary>
    public const string Header = "<DATE>\t<TIME>\t<BID>\t<ASK>\t<LAST>\t<VOLUME>\t<FLAGS>";

    private const int ColumnCount = 7;

    /// <summary>True when the line is the export header (any column spacing of trailing tabs is tolerated).</summary>
    public static bool IsHeader(ReadOnlySpan<char> line) => line.TrimStart().StartsWith("<DATE>", StringComparison.Ordinal);

    /// <summary>Parses one data line. On failure <paramref name="error"/> names the offending field.</summary>
    public static bool TryParse(ReadOnlySpan<char> line, out Mt5TickRow row, out string? error)
    {
        row = default;
        line = line.TrimEnd("\r\n");
        Span<Range> columns = stackalloc Range[ColumnCount + 2];
        var count = line.Split(columns, '\t');
        // MT5 may write trailing tabs; anything beyond seven columns must be empty.
        for (var extra = ColumnCount; extra < count; extra++)
        {
            if (!line[columns[extra]].IsWhiteSpace())
            {
                error = $"expected {ColumnCount} TAB-separated columns, found more";
                return false;
            }
        }

        if (count < ColumnCount)
        {
            error = $"expected {ColumnCount} TAB-separated columns, found {count}";
            return false;
        }

        if (!Mt5ExportFields.TryParseDate(line[columns[0]], out var days))
        {
            error = $"<DATE> '{line[columns[0]]}' is not yyyy.MM.dd";
            return false;
        }

        if (!Mt5ExportFields.TryParseTime(line[columns[1]], out var timeOfDay))
        {
            error = $"<TIME> '{line[columns[1]]}' is not HH:mm:ss[.fff]";
            return false;
        }

        if (!TryOptional(line[columns[2]], out var bid) || !TryOptional(line[columns[3]], out var ask)
            || !TryOptional(line[columns[4]], out var last) || !TryOptional(line[columns[5]], out var volume))
        {
            error = "a <BID>, <ASK>, <LAST> or <VOLUME> value is not a decimal number";
            return false;
        }

        if ((bid is { } b && !ValueRanges.IsPrice(b)) || (ask is { } a && !ValueRanges.IsPrice(a)))
        {
            error = "<BID> and <ASK> " + ValueRanges.PriceRule + " when present";
            return false;
        }

        if ((last is { } l && l != 0m && !ValueRanges.IsPrice(l)) || (volume is { } v && !ValueRanges.IsTradedVolume(v)))
        {
            error = "<LAST> must be 0 or a price up to 1000000000, <VOLUME> 0 to 1000000000000";
            return false;
        }

        var flagsText = line[columns[6]].Trim();
        uint flags = 0;
        if (!flagsText.IsEmpty && !uint.TryParse(flagsText, NumberStyles.None, CultureInfo.InvariantCulture, out flags))
        {
            error = $"<FLAGS> '{flagsText}' is not an unsigned integer";
            return false;
        }

        row = new Mt5TickRow(days * 86_400_000L + timeOfDay, bid, ask, last, volume, flags);
        error = null;
        return true;
    }

    private static bool TryOptional(ReadOnlySpan<char> text, out decimal? value)
    {
        text = text.Trim();
        if (text.IsEmpty)
        {
            value = null;
            return true;
        }

        var ok = Mt5ExportFields.TryParseDecimal(text, out var parsed);
        value = ok ? parsed : null;
        return ok;
    }
}
