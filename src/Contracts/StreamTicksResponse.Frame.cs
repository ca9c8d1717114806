using System.Buffers.Binary;
using Google.Protobuf;

namespace TradingCore.Contracts.V1;

// A hand-written file of this assembly: the server's encode-once form of a tick stream message.

/// <summary>
/// A response shared by many tick streams, encoded once. grpc-dotnet serializes a message on every stream write
/// (its generated marshallers have no hook for bytes encoded earlier), so one tick written to N subscribers was
/// encoded N times. <see cref="Frame"/> is the message as the gRPC frame each of those writes would produce.
/// </summary>
public sealed partial class StreamTicksResponse
{
    /// <summary>The length-prefix of a gRPC message: a compressed flag and a 4-byte big-endian length.</summary>
    internal const int FrameHeaderLength = 5;

    private byte[]? _frame;

    /// <summary>
    /// The message as one uncompressed gRPC length-prefixed frame (flag 0, big-endian length, the protobuf bytes):
    /// made on the first call, shared by every later caller on any thread. Only for a message nobody changes any more.
    /// </summary>
    internal ReadOnlySpan<byte> Frame()
    {
        var frame = Volatile.Read(ref _frame);
        if (frame is null)
        {
            var size = CalculateSize();
            frame = new byte[FrameHeaderLength + size];
            BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)size);
            this.WriteTo(frame.AsSpan(FrameHeaderLength));
            frame = Interlocked.CompareExchange(ref _frame, frame, null) ?? frame;
        }

        return frame;
    }
}
