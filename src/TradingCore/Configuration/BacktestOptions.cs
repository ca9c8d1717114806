namespace TradingCore.Configuration;

/// <summary>Backtest runs (Backtests service, docs/backtesting.md).</summary>
public sealed class BacktestOptions
{
    /// <summary>Runs at once; one more is refused RESOURCE_EXHAUSTED. Default 4.</summary>
    public int MaxRunning { get; set; } = 4;

    /// <summary>Finished runs kept in memory for their reports (oldest forgotten first). Default 20.</summary>
    public int KeepFinished { get; set; } = 20;

    /// <summary>
    /// Most rows of data one run may hold (ticks, or bars; about 90 bytes each in memory, so the default bounds a
    /// run's data near 180 MB). Default 2,000,000.
    /// </summary>
    public int MaxDataRows { get; set; } = 2_000_000;
}
