namespace TradingCore.Contracts.V1;

// A hand-written file of this assembly: a live tick, encoded once for all its gRPC subscribers (GrpcFrames).

/// <summary>A tick stream message shared by every subscriber of the tick.</summary>
public sealed partial class StreamTicksResponse
{
    private byte[]? _frame;

    /// <summary>This message as the gRPC frame grpc-dotnet would write for it, made once (<see cref="GrpcFrames.Cached"/>).</summary>
    internal ReadOnlyMemory<byte> Frame() => GrpcFrames.Cached(ref _frame, this);
}
