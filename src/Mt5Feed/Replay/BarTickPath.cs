using TradingCore.Engine.Domain;

namespace TradingCore.Mt5Feed.Replay;

/// <summary>
/// A plausible tick path inside a bar, for replaying bar exports: open, then the extreme the bar reached first
/// (the low for a bullish bar, the high for a bearish one), then the other extreme, then close, with straight
/// steps between these waypoints on the tick grid. Bid follows the path; ask is bid plus the bar's spread
/// (at least one point). Times are spread evenly over the bar. Deterministic.
/// </summary>
public static class BarTickPath
{
    /// <summary>Ticks between consecutive waypoints (besides the waypoints themselves).</summary>
    public const int StepsBetweenWaypoints = 3;

    /// <summary>The ticks of one bar along the path described above.</summary>
    public static IEnumerable<Tick> Generate(string symbol, Mt5BarRow bar, TimeSpan barLength, decimal point, decimal tickSize, long utcOffsetMs)
    {
        var bullish = bar.Close >= bar.Open;
        decimal[] waypoints = bullish ? [bar.Open, bar.Low, bar.High, bar.Close] : [bar.Open, bar.High, bar.Low, bar.Close];
        var prices = new List<decimal> { bar.Open };
        for (var leg = 1; leg < waypoints.Length; leg++)
        {
            var (from, to) = (waypoints[leg - 1], waypoints[leg]);
            for (var step = 1; step <= StepsBetweenWaypoints; step++)
            {
                prices.Add(OnGrid(from + ((to - from) * step / (StepsBetweenWaypoints + 1)), tickSize));
            }

            prices.Add(to);
        }

        var spread = Math.Max(1, bar.SpreadPoints) * point;
        var startMs = bar.ServerTimeMs - utcOffsetMs;
        var stepMs = (long)barLength.TotalMilliseconds / prices.Count;
        for (var index = 0; index < prices.Count; index++)
        {
            yield return new Tick(symbol, startMs + (index * stepMs), prices[index], prices[index] + spread, 0m, 0m, Tick.FlagBid | Tick.FlagAsk);
        }
    }

    private static decimal OnGrid(decimal price, decimal tickSize) => Math.Round(price / tickSize, MidpointRounding.AwayFromZero) * tickSize;
}
