namespace TradingCore.Mt5Feed.Replay;

/// <summary>
/// Reads an MT5 bar export one line at a time, for text that arrives in pieces (a streamed import): the first line
/// must be the header, blank lines are skipped, a malformed line throws <see cref="Mt5FormatException"/> naming its
/// line number in the whole export.
/// </summary>
public sealed class BarExportLines
{
    private bool? _hasTime;

    /// <summary>The number of the line read last (1 = the header).</summary>
    public int LineNumber { get; private set; }

    /// <summary>Reads one line (without its line break): the bar it holds, or null for the header and blank lines.</summary>
    public Mt5BarRow? Read(string line)
    {
        LineNumber++;
        if (_hasTime is not { } hasTime)
        {
            _hasTime = Mt5BarExportParser.HasTimeColumn(line.TrimStart('\uFEFF'))
                ?? throw new Mt5FormatException("line 1: not an MT5 bar export header (<DATE> ... <OPEN> ...)");
            return null;
        }

        if (line.AsSpan().IsWhiteSpace())
        {
            return null;
        }

        return Mt5BarExportParser.TryParse(line, hasTime, out var row, out var error)
            ? row
            : throw new Mt5FormatException($"line {LineNumber}: {error}");
    }

    /// <summary>Throws unless the header was read (an export with no lines at all).</summary>
    public void Complete()
    {
        if (_hasTime is null)
        {
            throw new Mt5FormatException("line 1: the file is empty");
        }
    }
}
