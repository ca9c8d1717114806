using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TradingCore.LoadHarness;

/// <summary>The run's outputs: a summary table (console and markdown), results.json, and percentile charts (PNG).</summary>
internal static class Report
{
    public static string Table(IEnumerable<ScenarioResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine("| Group | Scenario | msgs/s | p50 µs | p90 µs | p99 µs | p99.9 µs | max µs | server CPU µs/msg | other |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var result in results)
        {
            var latency = result.Latency;
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {result.Group} | {result.Name} | {result.PerSecond:N0} | {Micros(latency?.P50)} | {Micros(latency?.P90)} | {Micros(latency?.P99)} | {Micros(latency?.P999)} | {Micros(latency?.Max)} | {result.ServerCpuMicrosPerMessage:N1} | {string.Join(", ", result.Extra.Select(pair => $"{pair.Key} {pair.Value:0.###}"))} |"));
        }

        return text.ToString();
    }

    public static void Json(IEnumerable<ScenarioResult> results, string path, IDictionary<string, object> environment)
    {
        var document = new Dictionary<string, object>
        {
            ["environment"] = environment,
            ["results"] = results.Select(result => new Dictionary<string, object?>
            {
                ["group"] = result.Group,
                ["name"] = result.Name,
                ["completed"] = result.Completed,
                ["seconds"] = Math.Round(result.Seconds, 3),
                ["per_second"] = Math.Round(result.PerSecond, 1),
                ["target_rate"] = result.TargetRate,
                ["latency_us"] = result.Latency is { } latency ? new Dictionary<string, object>
                {
                    ["count"] = latency.Count,
                    ["p50"] = latency.P50,
                    ["p90"] = latency.P90,
                    ["p99"] = latency.P99,
                    ["p99_9"] = latency.P999,
                    ["max"] = latency.Max,
                    ["curve"] = latency.Curve.Select(point => new[] { point.Percentile, point.Micros }).ToArray(),
                } : null,
                ["server_cpu_us_per_msg"] = Math.Round(result.ServerCpuMicrosPerMessage, 2),
                ["extra"] = result.Extra,
            }).ToList(),
        };
        File.WriteAllText(path, JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never }));
    }

    /// <summary>Latency by percentile, log-log: x = -log10(1 - p) (50 %, 90 %, 99 %, ...), y = log10 of microseconds.</summary>
    public static void Chart(string title, IEnumerable<ScenarioResult> results, string path)
    {
        var plot = new ScottPlot.Plot();
        foreach (var result in results.Where(result => result.Latency is { Count: > 0 }))
        {
            var points = result.Latency!.Curve.Where(point => point.Percentile > 0).ToList();
            var xs = points.Select(point => point.Percentile >= 100 ? 5.3 : -Math.Log10(1 - (point.Percentile / 100))).ToArray();
            var ys = points.Select(point => Math.Log10(Math.Max(1, point.Micros))).ToArray();
            var line = plot.Add.Scatter(xs, ys);
            line.LegendText = result.Name;
        }

        var xTicks = new ScottPlot.TickGenerators.NumericManual();
        foreach (var (position, label) in new[] { (0.301, "50%"), (1.0, "90%"), (2.0, "99%"), (3.0, "99.9%"), (4.0, "99.99%"), (5.0, "99.999%"), (5.3, "max") })
        {
            xTicks.AddMajor(position, label);
        }

        var yTicks = new ScottPlot.TickGenerators.NumericManual();
        foreach (var (position, label) in new[] { (1.0, "10 µs"), (2.0, "100 µs"), (3.0, "1 ms"), (4.0, "10 ms"), (5.0, "100 ms"), (6.0, "1 s"), (7.0, "10 s") })
        {
            yTicks.AddMajor(position, label);
        }

        plot.Axes.Bottom.TickGenerator = xTicks;
        plot.Axes.Left.TickGenerator = yTicks;
        plot.Axes.Bottom.Label.Text = "percentile";
        plot.Axes.Left.Label.Text = "latency (log scale)";
        plot.Title(title);
        plot.ShowLegend(ScottPlot.Alignment.UpperLeft);
        plot.SavePng(path, 1000, 560);
    }

    private static string Micros(double? value) => value is { } micros ? micros.ToString("N0", CultureInfo.InvariantCulture) : "";
}
