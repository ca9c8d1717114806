namespace TradingCore.Mt5Feed;

/// <summary>Why a feed dropped a well-formed tick it had received (the connection goes on).</summary>
public enum TickDrop
{
    /// <summary>A tick the core already has (same symbol, time and prices: a resend after a reconnect).</summary>
    Duplicate = 1,

    /// <summary>A tick older than the symbol's last one.</summary>
    OutOfOrder = 2,
}
