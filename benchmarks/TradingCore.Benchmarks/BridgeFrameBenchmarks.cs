using System.Text;
using BenchmarkDotNet.Attributes;
using TradingCore.Mt5Feed.Bridge;

namespace TradingCore.Benchmarks;

/// <summary>A bridge tick frame parsed and validated, against only finding the line in the raw bytes read.</summary>
[MemoryDiagnoser]
public class BridgeFrameBenchmarks
{
    private readonly byte[] _frame = Encoding.UTF8.GetBytes("{\"type\":\"tick\",\"symbol\":\"EURUSD\",\"time_msc\":1795717811109,\"bid\":\"1.08412\",\"ask\":\"1.08425\",\"last\":\"0\",\"volume\":0,\"flags\":6}\n");

    [Benchmark(Baseline = true, Description = "find the line end in the raw bytes")]
    public int RawLine() => _frame.AsSpan().IndexOf((byte)'\n');

    [Benchmark(Description = "BridgeFrameParser.TryParse (tick)")]
    public bool Parse() => BridgeFrameParser.TryParse(_frame.AsSpan(0, _frame.Length - 1), out _, out _);
}
