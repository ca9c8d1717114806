namespace TradingCore.Mt5Feed.Replay;

/// <summary>
/// One line of an MT5 tick export exactly as written: a blank price column is null (that side did not change).
/// </summary>
/// <param name="ServerTimeMs">Trade-server wall-clock time encoded as if it were UTC, epoch ms.</param>
/// <param name="Bid">BID column, null when blank.</param>
/// <param name="Ask">ASK column, null when blank.</param>
/// <param name="Last">LAST column, null when blank.</param>
/// <param name="Volume">VOLUME column, null when blank.</param>
/// <param name="Flags">FLAGS column, the MqlTick flags (unknown bits kept).</param>
public readonly record struct Mt5TickRow(long ServerTimeMs, decimal? Bid, decimal? Ask, decimal? Last, decimal? Volume, uint Flags);
