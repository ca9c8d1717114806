using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Google.Protobuf;
using TradingCore.Contracts.V1;
using WireDecimal = TradingCore.Contracts.V1.Decimal;

namespace TradingCore.Tests;

/// <summary>
/// A live tick is encoded once for every gRPC subscriber (<see cref="StreamTicksResponse.Frame"/>): the frame must be
/// exactly what grpc-dotnet writes for the message (flag 0, big-endian length, the protobuf bytes), whatever the
/// payload, and be made once however many writers ask.
/// </summary>
public sealed class TickFrameTests
{
    public static TheoryData<string> Payloads => new() { "tick", "snapshot tick", "gap", "status", "snapshot complete", "empty" };

    [Theory]
    [MemberData(nameof(Payloads))]
    public void TheFrame_IsTheGrpcLengthPrefixedMessage(string payload)
    {
        var message = Response(payload);

        var frame = message.Frame().ToArray();

        Assert.Equal(0, frame[0]);
        Assert.Equal((uint)message.CalculateSize(), BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(1)));
        Assert.Equal(message.ToByteArray(), frame[StreamTicksResponse.FrameHeaderLength..]);
        Assert.Equal(message, StreamTicksResponse.Parser.ParseFrom(frame[StreamTicksResponse.FrameHeaderLength..]));
    }

    [Fact]
    public void TheFrame_IsMadeOnce_ForEveryWriterOnAnyThread()
    {
        var message = Response("tick");
        var shared = new bool[64];

        // Each thread's first frame must be the one every later call returns (the same bytes in memory, not a copy).
        Parallel.For(0, shared.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, index =>
            shared[index] = Unsafe.AreSame(ref MemoryMarshal.GetReference(message.Frame()), ref MemoryMarshal.GetReference(message.Frame())));

        Assert.All(shared, Assert.True);
        Assert.True(Unsafe.AreSame(ref MemoryMarshal.GetReference(message.Frame()), ref MemoryMarshal.GetReference(message.Frame())));
    }

    [Fact]
    public void ACopy_OfTheMessage_IsFramedAfresh()
    {
        var message = Response("tick");
        _ = message.Frame();

        var copy = message.Clone();
        copy.Tick.Sequence = 99;

        Assert.Equal(copy.ToByteArray(), copy.Frame()[StreamTicksResponse.FrameHeaderLength..].ToArray());
        Assert.NotEqual(message.Frame().ToArray(), copy.Frame().ToArray());
    }

    private static StreamTicksResponse Response(string payload) => payload switch
    {
        "tick" => new StreamTicksResponse { Tick = Tick(snapshot: false) },
        "snapshot tick" => new StreamTicksResponse { Tick = Tick(snapshot: true) },
        "gap" => new StreamTicksResponse { Gap = new TickGap { Symbol = "EURUSD", Missed = 3 } },
        "status" => new StreamTicksResponse { Status = new FeedStatus { Symbol = "EURUSD", State = FeedStatus.Types.State.Stale, Reason = "no tick for 5 s", TimeMs = 1_795_717_811_109 } },
        "snapshot complete" => new StreamTicksResponse { SnapshotComplete = new SnapshotComplete { TickCount = 2 } },
        _ => new StreamTicksResponse(),
    };

    private static Tick Tick(bool snapshot) => new()
    {
        Symbol = "EURUSD",
        TimeMs = 1_795_717_811_109,
        Bid = WireDecimal.FromDecimal(1.08412m),
        Ask = WireDecimal.FromDecimal(1.08425m),
        Last = WireDecimal.FromDecimal(-0.5m),
        Volume = WireDecimal.FromDecimal(1234.5m),
        Flags = 6,
        Sequence = 123_456,
        Snapshot = snapshot,
    };
}
