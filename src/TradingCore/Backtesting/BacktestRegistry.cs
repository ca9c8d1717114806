using Grpc.Core;
using Microsoft.Extensions.Options;
using TradingCore.Configuration;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Backtesting;

/// <summary>
/// The runs in memory: at most <see cref="BacktestOptions.MaxRunning"/> running, the newest
/// <see cref="BacktestOptions.KeepFinished"/> finished ones kept for their reports. Each run belongs to the API key
/// that started it.
/// </summary>
internal sealed class BacktestRegistry(IOptions<TradingCoreOptions> options)
{
    private readonly object _gate = new();
    private readonly List<BacktestRun> _runs = [];
    private long _nextId;

    private BacktestOptions Limits => options.Value.Backtests;

    /// <summary>A new run's id (r1, r2, ...; unique in this process) and its account id (<see cref="BacktestAccounts"/>).</summary>
    public (string RunId, long AccountId) Next()
    {
        var number = Interlocked.Increment(ref _nextId);
        return ("r" + number.ToString(System.Globalization.CultureInfo.InvariantCulture), BacktestAccounts.FirstId + number);
    }

    /// <summary>The running run whose account this is, or null (a live account, or a run that ended).</summary>
    public BacktestRun? Running(long accountId)
    {
        if (!BacktestAccounts.Is(accountId))
        {
            return null;
        }

        lock (_gate)
        {
            return _runs.Find(run => run.AccountId == accountId && run.State == Wire.BacktestState.Running);
        }
    }

    /// <summary>Adds a run that starts now, or refuses it RESOURCE_EXHAUSTED when the running limit is reached.</summary>
    public void Add(BacktestRun run)
    {
        lock (_gate)
        {
            if (_runs.Count(existing => existing.State == Wire.BacktestState.Running) >= Limits.MaxRunning)
            {
                throw new RpcException(new Status(StatusCode.ResourceExhausted, $"{Limits.MaxRunning} backtests are running (TradingCore:Backtests:MaxRunning); retry when one ends"));
            }

            _runs.Add(run);
            var finished = _runs.Where(existing => existing.State != Wire.BacktestState.Running).ToList();
            foreach (var old in finished.Take(Math.Max(0, finished.Count - Limits.KeepFinished)))
            {
                _runs.Remove(old);
            }
        }
    }

    /// <summary>The runs <paramref name="owner"/> may see (every run for an admin), newest first.</summary>
    public IReadOnlyList<BacktestRun> Visible(string owner, bool admin)
    {
        lock (_gate)
        {
            return [.. _runs.Where(run => admin || run.Owner == owner).Reverse()];
        }
    }

    public BacktestRun? Find(string runId, string owner, bool admin)
    {
        lock (_gate)
        {
            return _runs.Find(run => run.RunId == runId && (admin || run.Owner == owner));
        }
    }
}
