namespace TradingCore.Persistence.Entities;

/// <summary>Row of table bars: one bar (bid OHLC) of a symbol and timeframe, keyed by its open time (UTC ms).</summary>
internal sealed class BarEntity
{
    public string Symbol { get; set; } = "";

    /// <summary>trading.v1.Timeframe number.</summary>
    public int Timeframe { get; set; }

    public long TimeMs { get; set; }

    public decimal Open { get; set; }

    public decimal High { get; set; }

    public decimal Low { get; set; }

    public decimal Close { get; set; }

    public long TickVolume { get; set; }

    public decimal RealVolume { get; set; }

    public int Spread { get; set; }
}
