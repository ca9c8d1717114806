namespace TradingCore.Contracts.V1;

// A hand-written file of this assembly: a live trade event, encoded once for all its account's streams (GrpcFrames).

/// <summary>A trade event shared by every event stream and trade session of its account.</summary>
public sealed partial class TradeEvent
{
    private byte[]? _frame;
    private byte[]? _sessionFrame;
    private byte[]? _encoded;

    /// <summary>
    /// Gives this event's protobuf bytes when the server already has them (the journal's payload of the event), so
    /// its frames are copied from them instead of encoded again. Only for an event nobody changes any more; a copy
    /// (Clone) does not inherit them.
    /// </summary>
    internal void UseEncoded(byte[] encoded) => _encoded = encoded;

    /// <summary>This event as the StreamTradeEvents frame grpc-dotnet would write for it, made once.</summary>
    internal ReadOnlyMemory<byte> Frame() => Volatile.Read(ref _frame) ?? (_encoded is { } encoded
        ? GrpcFrames.CachedFrom(ref _frame, 0, encoded)
        : GrpcFrames.Cached(ref _frame, this));

    /// <summary>
    /// The trade session response carrying this event (request_id 0, as every session's event) as the frame
    /// grpc-dotnet would write for it, made once.
    /// </summary>
    internal ReadOnlyMemory<byte> SessionFrame() => Volatile.Read(ref _sessionFrame) ?? (_encoded is { } encoded
        ? GrpcFrames.CachedFrom(ref _sessionFrame, TradeSessionResponse.EventFieldNumber, encoded)
        : GrpcFrames.Cached(ref _sessionFrame, new TradeSessionResponse { Event = this }));
}
