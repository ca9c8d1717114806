using System.Text;
using TradingCore.Engine.Domain;

namespace TradingCore.Mt5Feed.Replay;

/// <summary>
/// Turns an MT5 tick export into engine ticks: skips the header, forward-fills blank BID/ASK from the previous
/// line, drops leading lines until both sides are known, and converts trade-server time to UTC by subtracting
/// the server's UTC offset. Accepts CRLF or LF and UTF-8 or UTF-16 (BOM-detected). A malformed line, or one with a
/// value outside <see cref="ValueRanges"/>, stops the read with an <see cref="Mt5FormatException"/> naming the line.
/// </summary>
public static class TickExportReader
{
    /// <summary>Opens a file with BOM detection (UTF-8 without BOM by default).</summary>
    public static StreamReader Open(string path) => new(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);

    /// <summary>Reads all ticks of one symbol from an export.</summary>
    /// <param name="reader">The export text.</param>
    /// <param name="symbol">Symbol the ticks belong to (exports do not name it inside the file).</param>
    /// <param name="serverUtcOffsetSeconds">Trade server's offset from UTC, e.g. 7200 for UTC+2.</param>
    public static IEnumerable<Tick> Read(TextReader reader, string symbol, int serverUtcOffsetSeconds)
    {
        decimal bid = 0m, ask = 0m;
        var lineNumber = 0;
        var offsetMs = serverUtcOffsetSeconds * 1000L;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.AsSpan().IsWhiteSpace() || (lineNumber == 1 && Mt5TickExportParser.IsHeader(line)))
            {
                continue;
            }

            if (!Mt5TickExportParser.TryParse(line, out var row, out var error))
            {
                throw new Mt5FormatException($"line {lineNumber}: {error}");
            }

            bid = row.Bid ?? bid;
            ask = row.Ask ?? ask;
            if (!ValueRanges.IsTime(row.ServerTimeMs - offsetMs))
            {
                throw new Mt5FormatException($"line {lineNumber}: <DATE> <TIME> in UTC " + ValueRanges.TimeRule);
            }

            if (bid > 0m && ask > 0m)
            {
                yield return new Tick(symbol, row.ServerTimeMs - offsetMs, bid, ask, row.Last ?? 0m, row.Volume ?? 0m, row.Flags);
            }
        }
    }

    /// <summary>
    /// The symbol named by an MT5 default export file name ("EURUSD_202211101500_202211101600.csv" → "EURUSD");
    /// broker suffixes stay ("XAUUSD.vx").
    /// </summary>
    public static string SymbolFromFileName(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        var underscore = name.IndexOf('_', StringComparison.Ordinal);
        return underscore > 0 ? name[..underscore] : name;
    }
}
