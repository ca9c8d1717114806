namespace TradingCore.Mt5Feed.Synthetic;

/// <summary>Settings of the synthetic feed (config section TradingCore:Feed:Synthetic).</summary>
public sealed class SyntheticFeedOptions
{
    /// <summary>Random seed; the same seed produces the same price paths.</summary>
    public int Seed { get; set; } = 20261126;

    /// <summary>Pause between rounds, ms. Each round quotes every symbol with probability <see cref="TickProbability"/>.</summary>
    public int IntervalMs { get; set; } = 100;

    /// <summary>Chance (0..1, as a decimal) that a symbol gets a tick in a round.</summary>
    public decimal TickProbability { get; set; } = 0.6m;
}
