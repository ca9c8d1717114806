using TradingCore.Mt5Feed;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Mapping;

/// <summary>A feed's or symbol's state as the tick stream reports it (FeedStatus).</summary>
internal static class FeedStatusMapper
{
    /// <param name="symbol">The symbol, or empty for the whole feed.</param>
    /// <param name="state">The state.</param>
    /// <param name="reason">Why, in words.</param>
    /// <param name="timeMs">When the state began (0 when not known).</param>
    public static Wire.FeedStatus ToProto(string symbol, FeedState state, string reason, long timeMs) => new()
    {
        Symbol = symbol,
        State = state switch
        {
            FeedState.Connected => Wire.FeedStatus.Types.State.Connected,
            FeedState.Stale => Wire.FeedStatus.Types.State.Stale,
            _ => Wire.FeedStatus.Types.State.Disconnected,
        },
        Reason = reason,
        TimeMs = timeMs,
    };
}
