using System.Buffers.Binary;
using Google.Protobuf;

namespace TradingCore.Contracts.V1;

// A hand-written file of this assembly: messages the server writes to many streams, encoded once.

/// <summary>
/// gRPC length-prefixed frames of messages shared by many server streams. grpc-dotnet serializes a message on every
/// stream write (its generated marshallers have no hook for bytes encoded earlier), so a tick written to N
/// subscribers, or a trade event to an account's N sessions, was encoded N times. The server writes these frames to
/// the response bodies itself instead (docs/architecture.md, "Streams").
/// </summary>
internal static class GrpcFrames
{
    /// <summary>The length-prefix of a gRPC message: a compressed flag and a 4-byte big-endian length.</summary>
    public const int HeaderLength = 5;

    /// <summary>
    /// <paramref name="message"/> as one uncompressed frame (flag 0, big-endian length, the protobuf bytes), cached in
    /// <paramref name="cache"/>: made on the first call, shared by every later caller on any thread. Only for a
    /// message nobody changes any more.
    /// </summary>
    public static byte[] Cached(ref byte[]? cache, IMessage message)
    {
        var frame = Volatile.Read(ref cache);
        if (frame is not null)
        {
            return frame;
        }

        var size = message.CalculateSize();
        frame = new byte[HeaderLength + size];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)size);
        message.WriteTo(frame.AsSpan(HeaderLength));
        return Interlocked.CompareExchange(ref cache, frame, null) ?? frame;
    }

    /// <summary>
    /// As <see cref="Cached(ref byte[], IMessage)"/> from a message's bytes already encoded: with <paramref name="field"/>
    /// 0 the frame of that message itself, otherwise the frame of a message whose only field is that message under
    /// <paramref name="field"/> (a length-delimited field: tag, length, bytes). Copies, encodes nothing.
    /// </summary>
    public static byte[] CachedFrom(ref byte[]? cache, int field, byte[] encoded)
    {
        var frame = Volatile.Read(ref cache);
        if (frame is not null)
        {
            return frame;
        }

        var tag = field == 0 ? 0u : WireFormat.MakeTag(field, WireFormat.WireType.LengthDelimited);
        var prefix = field == 0 ? 0 : CodedOutputStream.ComputeRawVarint32Size(tag) + CodedOutputStream.ComputeLengthSize(encoded.Length);
        var size = prefix + encoded.Length;
        frame = new byte[HeaderLength + size];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)size);
        var position = HeaderLength;
        if (field != 0)
        {
            position += WriteVarint(frame.AsSpan(position), tag);
            position += WriteVarint(frame.AsSpan(position), (uint)encoded.Length);
        }

        encoded.CopyTo(frame.AsSpan(position));
        return Interlocked.CompareExchange(ref cache, frame, null) ?? frame;
    }

    private static int WriteVarint(Span<byte> target, uint value)
    {
        var written = 0;
        while (value >= 0x80)
        {
            target[written++] = (byte)(value | 0x80);
            value >>= 7;
        }

        target[written++] = (byte)value;
        return written;
    }
}
