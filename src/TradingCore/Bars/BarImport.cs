using System.Text;
using TradingCore.Mt5Feed.Replay;
using TradingCore.Persistence.Entities;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Bars;

/// <summary>
/// One bar import: an MT5 bar export read from text that may arrive in pieces cut anywhere (a streamed import),
/// every line checked (format, time range) before anything is stored. Malformed input throws
/// <see cref="Mt5FormatException"/> naming the line in the whole export. At most <see cref="MaxBars"/> bars, so an
/// import's memory is bounded (about 130 bytes a bar).
/// </summary>
internal sealed class BarImport(string symbol, Wire.Timeframe timeframe, int serverUtcOffsetS)
{
    /// <summary>The most bars one import holds (about 2.7 years of M1 bars).</summary>
    public const int MaxBars = 1_000_000;

    private readonly BarExportLines _lines = new();
    private readonly StringBuilder _partial = new();
    private readonly List<BarEntity> _bars = [];

    public string Symbol => symbol;

    public Wire.Timeframe Timeframe => timeframe;

    /// <summary>The bars read so far, in file order.</summary>
    public IReadOnlyList<BarEntity> Bars => _bars;

    /// <summary>Reads the next piece of the export's text; complete lines are parsed now, a cut line when the rest arrives.</summary>
    public void Add(string text)
    {
        var start = 0;
        for (var end = text.IndexOf('\n', start); end >= 0; end = text.IndexOf('\n', start))
        {
            var line = text.AsSpan(start, end - start);
            if (_partial.Length > 0)
            {
                _partial.Append(line);
                Line(_partial.ToString());
                _partial.Clear();
            }
            else
            {
                Line(line.ToString());
            }

            start = end + 1;
        }

        _partial.Append(text.AsSpan(start));
        if (_partial.Length > 65_536)
        {
            throw new Mt5FormatException($"line {_lines.LineNumber + 1}: longer than 65536 characters (not an MT5 bar export)");
        }
    }

    /// <summary>Reads the last line (if the text did not end with a line break) and checks the export had a header.</summary>
    public void Complete()
    {
        if (_partial.Length > 0)
        {
            Line(_partial.ToString());
            _partial.Clear();
        }

        _lines.Complete();
    }

    private void Line(string line)
    {
        if (_lines.Read(line.TrimEnd('\r')) is not { } bar)
        {
            return;
        }

        var timeMs = bar.ServerTimeMs - (serverUtcOffsetS * 1000L);
        if (!Engine.Domain.ValueRanges.IsTime(timeMs))
        {
            throw new Mt5FormatException($"line {_lines.LineNumber}: its open time in UTC {Engine.Domain.ValueRanges.TimeRule}");
        }

        if (_bars.Count == MaxBars)
        {
            throw new Mt5FormatException($"line {_lines.LineNumber}: more than {MaxBars} bars in one import; split the export");
        }

        _bars.Add(new BarEntity
        {
            Symbol = symbol,
            Timeframe = (int)timeframe,
            TimeMs = timeMs,
            Open = bar.Open,
            High = bar.High,
            Low = bar.Low,
            Close = bar.Close,
            TickVolume = bar.TickVolume,
            RealVolume = bar.Volume,
            Spread = bar.SpreadPoints,
        });
    }
}
