namespace TradingCore.Contracts.V1;

// A hand-written file of this assembly: a live trade event, encoded once for all its account's streams (GrpcFrames).

/// <summary>A trade event shared by every event stream and trade session of its account.</summary>
public sealed partial class TradeEvent
{
    private byte[]? _frame;
    private byte[]? _sessionFrame;

    /// <summary>This event as the StreamTradeEvents frame grpc-dotnet would write for it, made once.</summary>
    internal ReadOnlyMemory<byte> Frame() => GrpcFrames.Cached(ref _frame, this);

    /// <summary>
    /// The trade session response carrying this event (request_id 0, as every session's event) as the frame
    /// grpc-dotnet would write for it, made once.
    /// </summary>
    internal ReadOnlyMemory<byte> SessionFrame() => Volatile.Read(ref _sessionFrame) ?? GrpcFrames.Cached(ref _sessionFrame, new TradeSessionResponse { Event = this });
}
