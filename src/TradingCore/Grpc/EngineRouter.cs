using TradingCore.Backtesting;
using TradingCore.Engine.Loop;

namespace TradingCore.Grpc;

/// <summary>
/// Which engine an account lives in: a running backtest's own engine for a backtest account
/// (<see cref="BacktestAccounts"/>), the live engine for every other account. Account-scoped calls ask this instead
/// of using the live engine directly, so the ordinary calls work on a backtest's account unchanged.
/// </summary>
internal sealed class EngineRouter(ITradingEngine live, BacktestRegistry backtests)
{
    /// <summary>The live engine (calls that are not about one account).</summary>
    public ITradingEngine Live => live;

    public ITradingEngine For(long accountId) => Backtest(accountId) ?? live;

    /// <summary>The running backtest of a backtest account; null for live accounts (and runs that ended).</summary>
    public BacktestRun? Backtest(long accountId) => backtests.Running(accountId);
}
