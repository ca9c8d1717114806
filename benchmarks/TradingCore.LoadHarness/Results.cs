namespace TradingCore.LoadHarness;

/// <summary>One measured scenario: throughput, latency from the intended send time, and server cost.</summary>
internal sealed record ScenarioResult
{
    public required string Group { get; init; }

    public required string Name { get; init; }

    /// <summary>Messages the scenario completed (acks received, ticks delivered to all subscribers).</summary>
    public long Completed { get; init; }

    public double Seconds { get; init; }

    public double PerSecond => Seconds > 0 ? Completed / Seconds : 0;

    /// <summary>Open-loop target rate (messages/s), or 0 for closed-loop (as fast as possible) runs.</summary>
    public double TargetRate { get; init; }

    public LatencySummary? Latency { get; init; }

    /// <summary>Server CPU time (user + system) per completed message, microseconds.</summary>
    public double ServerCpuMicrosPerMessage { get; init; }

    public Dictionary<string, double> Extra { get; init; } = [];
}
