using BenchmarkDotNet.Attributes;
using TradingCore.Mt5Feed.Replay;

namespace TradingCore.Benchmarks;

/// <summary>Parsing one MT5 tick-export line against only splitting it into its TAB-separated columns.</summary>
[MemoryDiagnoser]
public class TickParserBenchmarks
{
    private const string Line = "2022.11.10\t15:00:00.017\t0.86682\t0.86712\t\t\t6";

    [Benchmark(Baseline = true, Description = "split into columns only")]
    public int SplitOnly()
    {
        Span<Range> columns = stackalloc Range[9];
        return Line.AsSpan().Split(columns, '\t');
    }

    [Benchmark(Description = "Mt5TickExportParser.TryParse")]
    public long Parse()
    {
        Mt5TickExportParser.TryParse(Line, out var row, out _);
        return row.ServerTimeMs;
    }
}
