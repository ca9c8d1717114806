using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Bars;

/// <summary>One bar being built (or just finished): bid OHLC, tick count, traded volume, spread in points.</summary>
internal sealed class BarState
{
    public required string Symbol { get; init; }

    public required Wire.Timeframe Timeframe { get; init; }

    public long StartMs { get; set; }

    public long EndMs { get; set; }

    public decimal Open { get; set; }

    public decimal High { get; set; }

    public decimal Low { get; set; }

    public decimal Close { get; set; }

    public long TickVolume { get; set; }

    public decimal RealVolume { get; set; }

    public int Spread { get; set; }

    /// <summary>A bar's traded volume saturates here, inside the wire Decimal's range (10^18).</summary>
    public const decimal MaxRealVolume = 1_000_000_000_000_000_000m;

    public void Begin(long startMs, long endMs, decimal bid)
    {
        (StartMs, EndMs) = (startMs, endMs);
        (Open, High, Low, Close) = (bid, bid, bid, bid);
        TickVolume = 0;
        RealVolume = 0m;
    }

    public void Add(decimal bid, decimal volume, int spread)
    {
        High = Math.Max(High, bid);
        Low = Math.Min(Low, bid);
        Close = bid;
        TickVolume++;
        RealVolume = Math.Min(RealVolume + volume, MaxRealVolume);
        Spread = spread;
    }

    public Wire.Bar ToWire() => new()
    {
        TimeMs = StartMs,
        Open = Wire.Decimal.FromDecimal(Open),
        High = Wire.Decimal.FromDecimal(High),
        Low = Wire.Decimal.FromDecimal(Low),
        Close = Wire.Decimal.FromDecimal(Close),
        TickVolume = TickVolume,
        RealVolume = Wire.Decimal.FromDecimal(RealVolume),
        Spread = Spread,
    };
}
