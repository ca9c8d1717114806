using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using TradingCore.Contracts.V1;

namespace TradingCore.Benchmarks;

/// <summary>
/// Serializing one tick message for 8 subscribers: once, then copying the bytes to each subscriber's buffer, against
/// once per subscriber (what a typed grpc-dotnet stream writer does with one shared message object), and what the
/// core does: the tick's gRPC frame (<see cref="StreamTicksResponse.Frame"/>) made per tick and copied x8.
/// </summary>
[MemoryDiagnoser]
public class FanOutSerializationBenchmarks
{
    private const int Subscribers = 8;
    private readonly byte[][] _buffers = Enumerable.Range(0, Subscribers).Select(_ => new byte[256]).ToArray();
    private readonly StreamTicksResponse _message = new()
    {
        Tick = new Tick
        {
            Symbol = "EURUSD",
            TimeMs = 1_795_717_811_109,
            Bid = Contracts.V1.Decimal.FromDecimal(1.08412m),
            Ask = Contracts.V1.Decimal.FromDecimal(1.08425m),
            Flags = 6,
            Sequence = 123_456,
        },
    };

    [Benchmark(Baseline = true, Description = "serialize per subscriber (x8)")]
    public int PerSubscriber()
    {
        var total = 0;
        foreach (var buffer in _buffers)
        {
            var size = _message.CalculateSize();
            _message.WriteTo(buffer.AsSpan(0, size));
            total += size;
        }

        return total;
    }

    [Benchmark(Description = "frame made once, copied x8 (the core)")]
    public int Frame()
    {
        var frame = new StreamTicksResponse { Tick = _message.Tick }.Frame().Span;
        foreach (var buffer in _buffers)
        {
            frame.CopyTo(buffer);
        }

        return frame.Length * Subscribers;
    }

    [Benchmark(Description = "serialize once, copy x8")]
    public int Once()
    {
        var size = _message.CalculateSize();
        Span<byte> once = stackalloc byte[size];
        _message.WriteTo(once);
        foreach (var buffer in _buffers)
        {
            once.CopyTo(buffer);
        }

        return size * Subscribers;
    }
}
