using TradingCore.Engine.Commands;
using TradingCore.Engine.Core;
using TradingCore.Engine.Domain;
using TradingCore.Engine.Events;
using TradingCore.Engine.Loop;
using TradingCore.Mapping;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Backtesting;

/// <summary>
/// One backtest: an <see cref="EngineCore"/> of its own (one symbol, one account, no journal) whose clock is the
/// time of the tick being applied. The stream that runs it steps it; the ordinary calls on its account reach it as
/// an <see cref="ITradingEngine"/> (decided at once, at the step's time; their events queued for the stream). One
/// lock serializes everything that touches the engine.
/// </summary>
internal sealed class BacktestRun : ITradingEngine
{
    private readonly object _gate = new();
    private readonly EngineCore _core;
    private IEnumerator<BacktestStepData> _steps;
    private readonly long _accountId;
    private readonly List<Deal> _deals = [];
    private readonly SortedDictionary<ulong, Order> _orders = [];
    private readonly List<decimal> _equity = [];
    private readonly List<EngineEvent> _outOfBand = [];
    private readonly CancellationTokenSource _cancel = new();
    private DrawdownTracker? _equityDrawdown;
    private Wire.BacktestReport? _report;
    private long _stepsDone;
    private long _firstStepMs;

    public BacktestRun(string runId, string owner, string name, SymbolSpec spec, Account account, BacktestMarket market, long startedMs)
    {
        RunId = runId;
        Owner = owner;
        Name = name;
        Symbol = spec.Name;
        Steps = market.Steps;
        Step = market.Step;
        StartedMs = startedMs;
        _accountId = account.AccountId;
        _core = new EngineCore([spec], EngineSnapshot.Empty);
        _steps = market.Enumerate().GetEnumerator();
        PendingAccount = account;
    }

    public string RunId { get; }

    public string Owner { get; }

    public string Name { get; }

    public string Symbol { get; }

    public long Steps { get; }

    public Wire.BacktestStepKind Step { get; }

    public long StartedMs { get; }

    public long AccountId => _accountId;

    /// <summary>The engine's clock: the time of the last tick applied.</summary>
    public long NowMs { get; private set; }

    public Wire.BacktestState State { get; private set; } = Wire.BacktestState.Running;

    /// <summary>The account, created with the first step (at the time of its first tick).</summary>
    private Account? PendingAccount { get; set; }

    public Wire.BacktestInfo Info()
    {
        lock (_gate)
        {
            return new Wire.BacktestInfo { RunId = RunId, Name = Name, State = State, Symbol = Symbol, Steps = Steps, StepsDone = _stepsDone, StartedMs = StartedMs };
        }
    }

    /// <summary>Cancelled by <see cref="Cancel"/> (Backtests/CancelBacktest).</summary>
    public CancellationToken Cancelled => _cancel.Token;

    /// <summary>Asks the run's stream to stop (it ends with CANCELLED); no effect once the run ended.</summary>
    public void Cancel() => _cancel.Cancel();

    /// <summary>The report once the run ended; null while it runs.</summary>
    public Wire.BacktestReport? Report()
    {
        lock (_gate)
        {
            return _report;
        }
    }

    /// <summary>The equity after every step so far.</summary>
    public IReadOnlyList<decimal> EquityCurve()
    {
        lock (_gate)
        {
            return [.. _equity];
        }
    }

    /// <summary>Applies the next step; null when the data has ended. Events holds what the step changed.</summary>
    public (BacktestStepData Step, IReadOnlyList<EngineEvent> Events)? Advance()
    {
        lock (_gate)
        {
            return AdvanceLocked();
        }
    }

    private (BacktestStepData Step, IReadOnlyList<EngineEvent> Events)? AdvanceLocked()
    {
        if (!_steps.MoveNext())
        {
            return null;
        }

        var step = _steps.Current;
        if (PendingAccount is { } account)
        {
            NowMs = step.Ticks[0].TimeMs;
            _firstStepMs = NowMs;
            _core.CreateAccount(account, NowMs);
            _equityDrawdown = new DrawdownTracker(account.Balance);
            PendingAccount = null;
        }

        foreach (var tick in step.Ticks)
        {
            // A tick older than the clock (unsorted data) is applied at the clock's time: time never runs back.
            NowMs = Math.Max(NowMs, tick.TimeMs);
            _core.ApplyTick(tick, NowMs, out _);
            _equityDrawdown!.Add(_core.GetAccount(_accountId, NowMs)?.Equity ?? 0m);
        }

        var events = Collect();
        _stepsDone++;
        _equity.Add(_core.GetAccount(_accountId, NowMs)?.Equity ?? 0m);
        return (step, events);
    }

    /// <summary>Decides a trade request at the current step's time and price.</summary>
    public (TradeOutcome Outcome, IReadOnlyList<EngineEvent> Events) Execute(Func<EngineCore, long, TradeOutcome> command)
    {
        lock (_gate)
        {
            var outcome = command(_core, NowMs);
            return (outcome, Collect());
        }
    }

    /// <summary>An ordinary call's command on the run's account: decided now, at the step's time; its events wait for the stream.</summary>
    public Task<T> ExecuteAsync<T>(Func<EngineCore, long, T> command, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (State != Wire.BacktestState.Running)
            {
                throw new EngineUnavailableException($"backtest {RunId} has ended");
            }

            var result = command(_core, NowMs);
            _outOfBand.AddRange(Collect());
            return Task.FromResult(result);
        }
    }

    /// <summary>An ordinary call's read of the run's account.</summary>
    public Task<T> QueryAsync<T>(Func<IEngineView, long, T> query, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(query(_core, NowMs));
        }
    }

    /// <summary>The events of ordinary calls since the last time, for the stream.</summary>
    public IReadOnlyList<EngineEvent> TakeOutOfBand()
    {
        lock (_gate)
        {
            var events = _outOfBand.ToList();
            _outOfBand.Clear();
            return events;
        }
    }

    /// <summary>Every order of the run so far (history reads of its account), newest first.</summary>
    public IReadOnlyList<Order> Orders()
    {
        lock (_gate)
        {
            return [.. _orders.Values.Reverse()];
        }
    }

    /// <summary>Every deal of the run so far, newest first.</summary>
    public IReadOnlyList<Deal> Deals()
    {
        lock (_gate)
        {
            return [.. Enumerable.Reverse(_deals)];
        }
    }

    public Wire.Account Account()
    {
        lock (_gate)
        {
            return AccountMapper.ToProto(_core.GetAccount(_accountId, NowMs)!);
        }
    }

    public IReadOnlyList<Wire.Position> Positions()
    {
        lock (_gate)
        {
            return [.. (_core.ListPositions(_accountId, null) ?? []).Select(PositionMapper.ToProto)];
        }
    }

    /// <summary>
    /// At the end of the data, closes every open position at the last quote with the comment "end of test", as
    /// MT5's Strategy Tester does, so the final balance holds every result. Returns what changed.
    /// </summary>
    public IReadOnlyList<EngineEvent> CloseAtEnd()
    {
        lock (_gate)
        {
            foreach (var position in _core.ListPositions(_accountId, null) ?? [])
            {
                _core.ClosePosition(new ClosePositionRequest { AccountId = _accountId, PositionTicket = position.Position.Ticket, ClientOrderId = $"end-of-test-{position.Position.Ticket}", Comment = "end of test" }, NowMs);
            }

            List<EngineEvent> events = [.. _outOfBand, .. Collect()];
            _outOfBand.Clear();
            return events;
        }
    }

    /// <summary>Ends the run and builds its report (once; later calls return it).</summary>
    public Wire.BacktestReport Finish(Wire.BacktestState state)
    {
        lock (_gate)
        {
            if (_report is not null)
            {
                return _report;
            }

            State = state;
            _report = BacktestReportBuilder.Build(new BacktestReportInput
            {
                RunId = RunId,
                Name = Name,
                State = state,
                Symbol = Symbol,
                FromTimeMs = _firstStepMs,
                ToTimeMs = NowMs,
                Steps = _stepsDone,
                Deals = _deals,
                Orders = [.. _orders.Values],
                EquityDrawdown = _equityDrawdown ?? new DrawdownTracker(0m),
                FinalEquity = _core.GetAccount(_accountId, NowMs)?.Equity,
            });

            // A finished run keeps its report (and equity curve) only: its market data and lists go.
            _steps.Dispose();
            _steps = Enumerable.Empty<BacktestStepData>().GetEnumerator();
            _deals.Clear();
            _orders.Clear();
            return _report;
        }
    }

    private EngineEvent[] Collect()
    {
        var events = _core.TakeEvents();
        foreach (var engineEvent in events)
        {
            switch (engineEvent)
            {
                case DealEvent dealEvent:
                    _deals.Add(dealEvent.Deal);
                    break;
                case OrderEvent orderEvent:
                    _orders[orderEvent.Order.Ticket] = orderEvent.Order;
                    break;
            }
        }

        return events;
    }
}
