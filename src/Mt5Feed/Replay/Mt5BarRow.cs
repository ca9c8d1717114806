namespace TradingCore.Mt5Feed.Replay;

/// <summary>One line of an MT5 bar export (MqlRates), prices bid-based, time in trade-server time.</summary>
/// <param name="ServerTimeMs">Bar open time, trade-server wall clock encoded as if UTC, epoch ms.</param>
/// <param name="Open">Open price.</param>
/// <param name="High">High price.</param>
/// <param name="Low">Low price.</param>
/// <param name="Close">Close price.</param>
/// <param name="TickVolume">&lt;TICKVOL&gt;: number of ticks.</param>
/// <param name="Volume">&lt;VOL&gt;: exchange volume (0 for OTC symbols).</param>
/// <param name="SpreadPoints">&lt;SPREAD&gt;: spread in points.</param>
public readonly record struct Mt5BarRow(long ServerTimeMs, decimal Open, decimal High, decimal Low, decimal Close, long TickVolume, long Volume, int SpreadPoints);
