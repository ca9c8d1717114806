using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Google.Protobuf;
using TradingCore.Contracts.V1;
using WireDecimal = TradingCore.Contracts.V1.Decimal;

namespace TradingCore.Tests;

/// <summary>
/// Messages written to many streams are encoded once (<see cref="GrpcFrames"/>): a live tick for all its
/// subscribers, a trade event for all its account's event streams and trade sessions. Each frame must be exactly
/// what grpc-dotnet writes for the message (flag 0, big-endian length, the protobuf bytes), whatever the payload,
/// and be made once however many writers ask.
/// </summary>
public sealed class MessageFrameTests
{
    public static TheoryData<string> TickPayloads => new() { "tick", "snapshot tick", "gap", "status", "snapshot complete", "empty" };

    public static TheoryData<string> EventPayloads => new() { "order", "deal", "position", "account", "empty" };

    [Theory]
    [MemberData(nameof(TickPayloads))]
    public void ATickStreamFrame_IsTheGrpcLengthPrefixedMessage(string payload)
    {
        var message = TickResponse(payload);

        AssertFrameOf(message, message.Frame(), StreamTicksResponse.Parser);
    }

    [Theory]
    [MemberData(nameof(EventPayloads))]
    public void AnEventFrame_IsTheGrpcLengthPrefixedEvent_AndItsSessionFrameTheSessionResponseCarryingIt(string payload)
    {
        var tradeEvent = Event(payload);

        AssertFrameOf(tradeEvent, tradeEvent.Frame(), TradeEvent.Parser);
        AssertFrameOf(new TradeSessionResponse { Event = tradeEvent }, tradeEvent.SessionFrame(), TradeSessionResponse.Parser);
    }

    [Theory]
    [MemberData(nameof(EventPayloads))]
    public void FramesFromTheJournalsBytes_AreTheFramesEncodingMakes(string payload)
    {
        // The journal encodes each event once and gives the event its bytes: its frames are copied from them.
        var encoded = Event(payload);
        encoded.UseEncoded(encoded.ToByteArray());
        var fresh = Event(payload);

        Assert.Equal(fresh.Frame().ToArray(), encoded.Frame().ToArray());
        Assert.Equal(fresh.SessionFrame().ToArray(), encoded.SessionFrame().ToArray());
        AssertFrameOf(new TradeSessionResponse { Event = fresh }, encoded.SessionFrame(), TradeSessionResponse.Parser);
    }

    [Fact]
    public void ALongEvent_HasTheLongerLengthPrefixInItsSessionFrame()
    {
        // Past 127 and 16,383 bytes the event's length in the session response takes two and three varint bytes.
        foreach (var length in new[] { 100, 200, 20_000 })
        {
            var encoded = Event("order");
            encoded.Order.Comment = new string('x', length);
            encoded.UseEncoded(encoded.ToByteArray());

            AssertFrameOf(new TradeSessionResponse { Event = encoded.Clone() }, encoded.SessionFrame(), TradeSessionResponse.Parser);
            AssertFrameOf(encoded.Clone(), encoded.Frame(), TradeEvent.Parser);
        }
    }

    [Fact]
    public void EachFrame_IsMadeOnce_ForEveryWriterOnAnyThread()
    {
        var tick = TickResponse("tick");
        var tradeEvent = Event("order");
        var frames = new (byte[] Tick, byte[] Event, byte[] Session)[64];

        Parallel.For(0, frames.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, index =>
            frames[index] = (Array(tick.Frame()), Array(tradeEvent.Frame()), Array(tradeEvent.SessionFrame())));

        // The same arrays every time, not equal copies.
        Assert.All(frames, frame => Assert.Same(Array(tick.Frame()), frame.Tick));
        Assert.All(frames, frame => Assert.Same(Array(tradeEvent.Frame()), frame.Event));
        Assert.All(frames, frame => Assert.Same(Array(tradeEvent.SessionFrame()), frame.Session));
    }

    [Fact]
    public void ACopy_IsFramedAfresh()
    {
        var tick = TickResponse("tick");
        var tradeEvent = Event("order");
        _ = (tick.Frame(), tradeEvent.Frame(), tradeEvent.SessionFrame());

        var tickCopy = tick.Clone();
        tickCopy.Tick.Sequence = 99;
        var eventCopy = tradeEvent.Clone();
        eventCopy.Sequence = 99;

        AssertFrameOf(tickCopy, tickCopy.Frame(), StreamTicksResponse.Parser);
        AssertFrameOf(eventCopy, eventCopy.Frame(), TradeEvent.Parser);
        AssertFrameOf(new TradeSessionResponse { Event = eventCopy }, eventCopy.SessionFrame(), TradeSessionResponse.Parser);
        Assert.NotSame(Array(tick.Frame()), Array(tickCopy.Frame()));
    }

    private static void AssertFrameOf<T>(T message, ReadOnlyMemory<byte> frame, MessageParser<T> parser)
        where T : IMessage<T>
    {
        var bytes = frame.ToArray();
        Assert.Equal(0, bytes[0]);
        Assert.Equal((uint)message.CalculateSize(), BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1)));
        Assert.Equal(message.ToByteArray(), bytes[GrpcFrames.HeaderLength..]);
        Assert.Equal(message, parser.ParseFrom(bytes[GrpcFrames.HeaderLength..]));
    }

    private static byte[] Array(ReadOnlyMemory<byte> frame) =>
        MemoryMarshal.TryGetArray(frame, out var segment) ? segment.Array! : throw new InvalidOperationException("a frame is an array");

    private static StreamTicksResponse TickResponse(string payload) => payload switch
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

    private static TradeEvent Event(string payload)
    {
        var tradeEvent = new TradeEvent { Sequence = 18_446_744_073_709_551_615, AccountId = 1001, TimeMs = 1_795_717_811_109 };
        switch (payload)
        {
            case "order":
                tradeEvent.Order = new Order { Ticket = 7, AccountId = 1001, ClientOrderId = "bot-1", Symbol = "EURUSD", Type = OrderType.Buy, State = OrderState.Filled, VolumeInitial = WireDecimal.FromDecimal(0.1m) };
                break;
            case "deal":
                tradeEvent.Deal = new Deal { Ticket = 9, OrderTicket = 7, Symbol = "EURUSD", Price = WireDecimal.FromDecimal(1.08425m), Profit = WireDecimal.FromDecimal(-12.34m) };
                break;
            case "position":
                tradeEvent.Position = new PositionUpdate { Position = new Position { Ticket = 7, Symbol = "EURUSD", Volume = WireDecimal.FromDecimal(0.1m) } };
                break;
            case "account":
                tradeEvent.Account = new AccountUpdate { Account = new Account { AccountId = 1001, Balance = WireDecimal.FromDecimal(100_000m) } };
                break;
        }

        return tradeEvent;
    }
}
