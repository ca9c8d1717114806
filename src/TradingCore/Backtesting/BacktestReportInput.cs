using TradingCore.Engine.Domain;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Backtesting;

/// <summary>What a report is built from.</summary>
internal sealed record BacktestReportInput
{
    public required string RunId { get; init; }

    public required string Name { get; init; }

    public required Wire.BacktestState State { get; init; }

    public required string Symbol { get; init; }

    public long FromTimeMs { get; init; }

    public long ToTimeMs { get; init; }

    public long Steps { get; init; }

    /// <summary>Every deal of the run's account in ticket order, the initial deposit first.</summary>
    public required IReadOnlyList<Deal> Deals { get; init; }

    /// <summary>Every order of the run, working ones included.</summary>
    public required IReadOnlyList<Order> Orders { get; init; }

    /// <summary>The drawdown of the equity over every tick of the run, from the deposit.</summary>
    public required DrawdownTracker EquityDrawdown { get; init; }

    /// <summary>The equity at the end (null: the final balance).</summary>
    public decimal? FinalEquity { get; init; }
}
