using System.Diagnostics;
using HdrHistogram;

namespace TradingCore.LoadHarness;

/// <summary>
/// Latencies in microseconds in an HdrHistogram (1 µs to 60 s, 3 significant digits). Thread-safe recording; the
/// histogram of one scenario can merge others (per-subscriber histograms into one).
/// </summary>
internal sealed class Latency
{
    private readonly LongHistogram _histogram = new(1, 60_000_000, 3);
    private readonly Lock _gate = new();

    public long Count
    {
        get
        {
            lock (_gate)
            {
                return _histogram.TotalCount;
            }
        }
    }

    public void RecordSince(long startTimestamp, long endTimestamp) => Record(Stopwatch.GetElapsedTime(startTimestamp, endTimestamp).Ticks / 10);

    public void Record(long microseconds)
    {
        var value = Math.Clamp(microseconds, 1, 60_000_000);
        lock (_gate)
        {
            _histogram.RecordValue(value);
        }
    }

    public void Add(Latency other)
    {
        lock (other._gate)
        lock (_gate)
        {
            _histogram.Add(other._histogram);
        }
    }

    public LatencySummary Summary()
    {
        lock (_gate)
        {
            if (_histogram.TotalCount == 0)
            {
                return new LatencySummary(0, 0, 0, 0, 0, 0, []);
            }

            var curve = new List<(double Percentile, double Micros)>();
            foreach (var percentile in new[] { 0.0, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 99.999, 100 })
            {
                curve.Add((percentile, _histogram.GetValueAtPercentile(percentile)));
            }

            return new LatencySummary(
                _histogram.TotalCount,
                _histogram.GetValueAtPercentile(50),
                _histogram.GetValueAtPercentile(90),
                _histogram.GetValueAtPercentile(99),
                _histogram.GetValueAtPercentile(99.9),
                _histogram.GetMaxValue(),
                curve);
        }
    }
}

/// <summary>Percentiles in microseconds, and the percentile curve for the chart.</summary>
internal sealed record LatencySummary(long Count, double P50, double P90, double P99, double P999, double Max, IReadOnlyList<(double Percentile, double Micros)> Curve);
