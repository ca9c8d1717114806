namespace TradingCore.Mt5Feed.Replay;

/// <summary>Reads every bar of an MT5 bar export (8- or 9-column, CRLF or LF, UTF-8 or UTF-16 with BOM).</summary>
public static class BarExportReader
{
    /// <summary>Reads the bars after the export's header line; a malformed line throws <see cref="Mt5FormatException"/> naming it.</summary>
    public static IEnumerable<Mt5BarRow> Read(TextReader reader)
    {
        var lines = new BarExportLines();
        while (reader.ReadLine() is { } line)
        {
            if (lines.Read(line) is { } row)
            {
                yield return row;
            }
        }

        lines.Complete();
    }

    /// <summary>Bar length from an MT5 default file name ("EURUSD_H1_...", "_Daily_", "_Weekly_"), or null.</summary>
    public static TimeSpan? TimeframeFromFileName(string path)
    {
        foreach (var part in Path.GetFileNameWithoutExtension(path).Split('_'))
        {
            TimeSpan? length = part switch
            {
                "M1" => TimeSpan.FromMinutes(1),
                "M5" => TimeSpan.FromMinutes(5),
                "M15" => TimeSpan.FromMinutes(15),
                "M30" => TimeSpan.FromMinutes(30),
                "H1" => TimeSpan.FromHours(1),
                "H4" => TimeSpan.FromHours(4),
                "Daily" or "D1" => TimeSpan.FromDays(1),
                "Weekly" or "W1" => TimeSpan.FromDays(7),
                "Monthly" or "MN1" => TimeSpan.FromDays(30),
                _ => null,
            };
            if (length is not null)
            {
                return length;
            }
        }

        return null;
    }
}
