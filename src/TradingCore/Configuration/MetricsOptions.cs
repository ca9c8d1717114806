namespace TradingCore.Configuration;

/// <summary>Where Prometheus scrapes the metrics.</summary>
public sealed class MetricsOptions
{
    /// <summary>An http:// URL of its own (HTTP/1.1) serving GET /metrics without authentication; empty disables it.</summary>
    public string Url { get; set; } = "";
}
