using Microsoft.Extensions.Options;
using TradingCore.Configuration;
using TradingCore.Diagnostics;
using TradingCore.Engine.Core;
using TradingCore.Engine.Domain;
using TradingCore.Engine.Loop;
using TradingCore.Mt5Feed;
using TradingCore.Persistence;
using TradingCore.Streaming;
using TradingCore.Symbols;

namespace TradingCore.Hosting;

/// <summary>
/// Owns the running pipeline and its order of life. Start returns at once and recovers in the background, so the
/// server listens (health NOT_SERVING, every other call UNAVAILABLE) from the first second: migrate the database,
/// project the journal's tail, load the last committed state, start the journal and the projector, start the
/// engine from that state, create the demo account on an empty database, then start the feed; <see cref="Ready"/>
/// completes. A recovery that fails stops the process with exit code 1. Stop (after the server stopped taking calls):
/// stop the feed, let the engine drain its input, flush the journal. While starting, <see cref="Engine"/> throws
/// <see cref="EngineUnavailableException"/>, which callers answer with UNAVAILABLE.
/// </summary>
internal sealed partial class TradingCoreHost(
    IOptionsMonitor<TradingCoreOptions> options,
    CoreDatabase database,
    SymbolCatalog catalog,
    JournalWriter journal,
    TickHub ticks,
    TradeEventHub tradeEvents,
    TimeProvider time,
    Security.ApiKeyRegistry keys,
    Feeds.FeedMonitor feedMonitor,
    Bars.BarAggregator bars,
    Bars.BarStore barStore,
    QuoteStore quotes,
    Persistence.Journal.IJournal journalLog,
    Persistence.Journal.Projector projector,
    ILogger<TradingCoreHost> logger,
    ILoggerFactory loggers,
    IHostApplicationLifetime lifetime,
    Diagnostics.TradingCoreMetrics? metrics = null,
    Routing.LedgerCheck? ledger = null) : IHostedService
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _readyGate = new();
    private readonly List<Action> _onReady = [];
    private Task _starting = Task.CompletedTask;
    private readonly CancellationTokenSource _feedStop = new();

    /// <summary>Held from the start of recovery to the end of the stop (<see cref="CoreDatabase.LockStore"/>).</summary>
    private IDisposable? _storeLock;
    private TradingEngine? _engine;

    /// <summary>
    /// The engine once its thread runs, before the start completes (<see cref="_engine"/> is published last, when the
    /// core serves): a stop during the start's last steps (the demo account, the keys) must stop this engine before
    /// the journal closes, or its next step fails on the closed journal.
    /// </summary>
    private TradingEngine? _running;
    private Task _feedTask = Task.CompletedTask;
    private Task _forgottenFill = Task.CompletedTask;
    private IDisposable? _controlSubscription;
    private ITimer? _quoteSaver;
    private Mt5Feed.Bridge.BridgeFeed? _bridge;
    private Routing.Mt5Router? _router;

    /// <summary>The running engine; throws <see cref="EngineUnavailableException"/> until recovery finished.</summary>
    public TradingEngine Engine => Volatile.Read(ref _engine) ?? throw new EngineUnavailableException("the engine is starting (recovering state)");

    /// <summary>The engine once recovery finished; null before (for gauges that must not throw).</summary>
    public TradingEngine? EngineOrNull => Volatile.Read(ref _engine);

    /// <summary>The MT5 order router when the bridge feed runs (docs/mt5-routing.md); null otherwise.</summary>
    public Routing.Mt5Router? Router => Volatile.Read(ref _router);

    /// <summary>Where this run wrote the bootstrap credentials (its first start), or null.</summary>
    public string? BootstrapPath { get; private set; }

    /// <summary>Name of the running feed ("none" without one).</summary>
    public string FeedName { get; private set; } = "none";

    /// <summary>Whether the feed task is still producing ticks.</summary>
    public bool FeedRunning => !_feedTask.IsCompleted;

    /// <summary>True while this core waits as a hot standby for the store's lease.</summary>
    public bool Standby { get; private set; }

    /// <summary>Completes when recovery finished and the engine runs; faults when recovery failed.</summary>
    public Task Ready => _ready.Task;

    /// <summary>Runs <paramref name="callback"/> once the engine runs (now, if it does), before <see cref="Ready"/> completes.</summary>
    public void WhenReady(Action callback)
    {
        lock (_readyGate)
        {
            if (EngineOrNull is null)
            {
                _onReady.Add(callback);
                return;
            }
        }

        callback();
    }

    /// <summary>Starts recovery in the background and returns: the server can answer health checks meanwhile.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _starting = Task.Run(RecoverAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task RecoverAsync()
    {
        try
        {
            await StartPipelineAsync(lifetime.ApplicationStopping).ConfigureAwait(false);
            Action[] callbacks;
            lock (_readyGate)
            {
                callbacks = [.. _onReady];
                _onReady.Clear();
            }

            foreach (var callback in callbacks)
            {
                callback();
            }

            if (options.CurrentValue.Engine.SettleHeapOnStart)
            {
                SettleHeap();
            }

            _ready.TrySetResult();
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // Stopped before it started (a standby stopped while waiting for the lease): a normal shutdown.
            _ready.TrySetCanceled();
        }
        catch (Exception error)
        {
            // Nothing can be served from a state that could not be recovered: the process ends, exit code 1.
            Log.RecoveryFailed(logger, error);
            Environment.ExitCode = 1;
            _ready.TrySetException(error);
            lifetime.StopApplication();
        }
    }

    /// <summary>One full blocking compacting collection, so that the GC sizes its budgets from the running core's heap.</summary>
    private void SettleHeap()
    {
        var started = time.GetTimestamp();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        Log.HeapSettled(logger, (long)time.GetElapsedTime(started).TotalMilliseconds, GC.GetTotalMemory(forceFullCollection: false) / (1024 * 1024));
    }

    private async Task StartPipelineAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        _storeLock = database.LockStore();
        database.Initialize();
        // One core trades on a store: take its lease first (a standby waits here, health NOT_SERVING, until the active
        // core stops or dies), so that the journal read next is complete and nothing else appends to it.
        var waitStarted = time.GetTimestamp();
        var waited = false;
        var epoch = await database.AcquireLeaseAsync(
            settings.HighAvailability.Standby,
            holder =>
            {
                waited = true;
                Standby = true;
                Log.StandbyWaiting(logger, holder);
            },
            LeaseLost,
            cancellationToken).ConfigureAwait(false);
        Standby = false;
        if (waited)
        {
            Log.LeaseTaken(logger, epoch, (long)time.GetElapsedTime(waitStarted).TotalMilliseconds);
        }

        journalLog.Initialize();
        projector.CatchUp(); // recovery: the journal's tail becomes rows before the engine is built from them
        catalog.Load(time.GetUtcNow().ToUnixTimeMilliseconds());
        EngineSnapshot snapshot;
        long unloadedBelow;
        using (var context = database.CreateContext())
        {
            snapshot = StateLoader.Load(context, settings.Engine.IdempotencyWindow, out unloadedBelow) with { LastTicks = quotes.LoadQuotes() };
        }

        var engineOptions = new EngineOptions
        {
            InputCapacity = settings.Engine.InputCapacity,
            AdmissionTimeout = TimeSpan.FromMilliseconds(settings.Engine.AdmissionTimeoutMs),
            MaxPendingOrdersPerAccount = settings.Engine.MaxPendingOrdersPerAccount,
            RoutingTimeoutMs = settings.Engine.RoutingTimeoutMs,
            IdempotencyWindow = settings.Engine.IdempotencyWindow,
        };
        var core = new EngineCore(catalog.Entries.Select(entry => entry.Effective), snapshot, engineOptions);
        bars.Restore(barStore.Latest());
        barStore.Start();
        var engine = new TradingEngine(core, journal, new CompositeTickSink(ticks, bars), time, engineOptions, metrics?.Engine);
        engine.Faulted += error => Log.EngineFaulted(logger, error);
        engine.CommandRefused += error => Log.EngineCommandRefused(logger, error);
        engine.TickSinkFailed += error => Log.TickSinkFailed(logger, error);
        engine.TickRejected += (reason, count) => Log.EngineTickRejected(logger, TickRules.Label(reason), count);
        tradeEvents.Initialize(snapshot.LastSequence);
        journal.Start(snapshot.LastOrderTicket, snapshot.LastDealTicket, projector, engine.Halt);
        projector.Start();
        engine.Start();
        Volatile.Write(ref _running, engine);
        if (core.StoredClientIds is { } forgotten)
        {
            _forgottenFill = Task.Run(() => FillForgotten(forgotten, unloadedBelow), CancellationToken.None);
        }
        Log.Recovered(logger, snapshot.Accounts.Count, snapshot.Orders.Count(order => order.IsWorking), snapshot.Positions.Count, snapshot.LastSequence);

        var firstStart = snapshot.Accounts.Count == 0;
        // The demo account only where it belongs when accounts are spread over instances.
        var demoHere = settings.DemoAccount.Enabled && new AccountPlacement(settings).ForeignOwner(settings.DemoAccount.AccountId) is null;
        if (demoHere && firstStart)
        {
            await CreateDemoAccountAsync(engine, settings.DemoAccount, cancellationToken).ConfigureAwait(false);
        }

        keys.Load();
        if (settings.Auth.Bootstrap && keys.Count == 0)
        {
            var path = Security.BootstrapCredentials.Create(keys, settings, demoHere ? settings.DemoAccount.AccountId : null);
            Log.BootstrapCredentialsWritten(logger, path);
            BootstrapPath = path;
        }

        await ApplyAccountControlAsync(engine, settings.AccountControl, cancellationToken).ConfigureAwait(false);
        _controlSubscription = options.OnChange(changed => _ = ApplyAccountControlAsync(engine, changed.AccountControl, CancellationToken.None));
        feedMonitor.Start(engine);
        Volatile.Write(ref _engine, engine);
        StartFeed(settings, engine);
        _quoteSaver = time.CreateTimer(_ => SaveQuotes(), null, QuoteSaveInterval, QuoteSaveInterval);
    }

    /// <summary>
    /// Puts the client order ids of the orders a restart left in storage into the engine's filter of forgotten ids,
    /// off the startup path; until the filter is sealed, every id the engine's window lacks is looked up in storage.
    /// </summary>
    private void FillForgotten(ClientIdFilter filter, long unloadedBelow)
    {
        try
        {
            using var connection = database.OpenReadConnection();
            foreach (var (accountId, clientOrderId) in StateLoader.UnloadedClientIds(connection, unloadedBelow))
            {
                filter.Add(accountId, clientOrderId);
            }

            filter.Seal();
            Log.ForgottenIdsLoaded(logger, filter.Count, filter.Bytes);
        }
        catch (Exception error) when (error is System.Data.Common.DbException or InvalidOperationException)
        {
            // Never sealed: every id the window lacks on such an account is looked up in storage (correct, slower).
            Log.ForgottenIdsNotLoaded(logger, error);
        }
    }

    /// <summary>
    /// The lease was lost while trading (another core took over, or this core's session with the store ended): the
    /// journal's fencing already refuses every commit; trading halts at once and the process stops with exit code 1
    /// (its state may be behind the store's now), to come back as a standby under its supervisor.
    /// </summary>
    private void LeaseLost(Exception error)
    {
        Log.LeaseLost(logger, error);
        Volatile.Read(ref _running)?.Halt(new EngineUnavailableException("this core lost the store's lease; another core is taking over", error));
        Environment.ExitCode = 1;
        lifetime.StopApplication();
    }

    /// <summary>How often the last quotes and bridge resume points are saved (and once more at shutdown).</summary>
    private static readonly TimeSpan QuoteSaveInterval = TimeSpan.FromSeconds(1);

    private void SaveQuotes()
    {
        try
        {
            quotes.Save(ticks.Latest, _bridge?.ResumeTicks() ?? new Dictionary<long, IReadOnlyList<Mt5Feed.Bridge.BridgeTick>>());
        }
        catch (Exception error) when (error is System.Data.Common.DbException or Microsoft.EntityFrameworkCore.DbUpdateException or InvalidOperationException)
        {
            // Market data only: the next save tries again; trading never waits for it.
            Log.QuotesNotSaved(logger, error);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _starting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _controlSubscription?.Dispose();
        await _feedStop.CancelAsync().ConfigureAwait(false);
        await _feedTask.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_router is { } router)
        {
            await router.DisposeAsync().ConfigureAwait(false);
        }

        if (Volatile.Read(ref _running) is { } engine)
        {
            await engine.StopAsync().ConfigureAwait(false);
        }

        if (_quoteSaver is { } saver)
        {
            await saver.DisposeAsync().ConfigureAwait(false);
            SaveQuotes(); // the engine has drained: the last quotes and resume points are final
        }

        await _forgottenFill.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        bars.Flush(); // the engine thread has ended: the forming bars are stable
        await barStore.DisposeAsync().ConfigureAwait(false);
        await journal.CompleteAsync().ConfigureAwait(false);
        await projector.DisposeAsync().ConfigureAwait(false);
        Log.Stopped(logger, journal.CommittedSteps);
        _storeLock?.Dispose(); // last: everything that wrote the store has stopped
    }

    private async Task CreateDemoAccountAsync(TradingEngine engine, DemoAccountOptions demo, CancellationToken cancellationToken)
    {
        var account = new Account
        {
            AccountId = demo.AccountId,
            Name = demo.Name,
            Currency = demo.Currency,
            Leverage = demo.Leverage,
            MarginMode = demo.MarginMode,
            Balance = demo.Balance,
        };
        await engine.ExecuteAsync((core, nowMs) => core.CreateAccount(account, nowMs), cancellationToken).ConfigureAwait(false);
        Log.DemoAccountCreated(logger, account.AccountId, account.Currency, account.Balance, account.Leverage, Contracts.V1.ContractNames.Short((Contracts.V1.MarginMode)(int)account.MarginMode));
    }

    /// <summary>Applies TradingCore:AccountControl through the engine (persisted like any change); never throws.</summary>
    private async Task ApplyAccountControlAsync(TradingEngine engine, Dictionary<string, AccountControlOptions> control, CancellationToken cancellationToken)
    {
        foreach (var (key, settings) in control)
        {
            try
            {
                if (!long.TryParse(key, System.Globalization.CultureInfo.InvariantCulture, out var accountId))
                {
                    Log.AccountControlInvalid(logger, key, "the key must be an account id");
                    continue;
                }

                var venueRefusal = settings.Mt5Login is not { } login ? null : await engine.ExecuteAsync(
                    (core, nowMs) => core.UpdateAccount(accountId, new TradingCore.Engine.Commands.AccountUpdate { Venue = login > 0 ? (TradingCore.Engine.Domain.AccountVenue.Mt5, login) : (TradingCore.Engine.Domain.AccountVenue.Internal, 0) }, nowMs).Refusal,
                    cancellationToken).ConfigureAwait(false);
                if (venueRefusal is not null)
                {
                    Log.AccountControlInvalid(logger, key, venueRefusal);
                }

                var found = await engine.ExecuteAsync(
                    (core, nowMs) =>
                        (settings.TradingState is not { } state || core.SetTradingState(accountId, state, nowMs))
                        & (settings.Limits is not { } limits || core.SetLimits(accountId, limits.ToLimits(), nowMs)),
                    cancellationToken).ConfigureAwait(false);
                if (found)
                {
                    Log.AccountControlApplied(logger, accountId, settings.TradingState is { } state ? Contracts.V1.ContractNames.Short((Contracts.V1.AccountTradingState)(int)state) : "unchanged", settings.Limits is not null);
                }
                else
                {
                    Log.AccountControlInvalid(logger, key, "no such account");
                }
            }
            catch (Exception error) when (error is EngineUnavailableException or EngineBusyException or OperationCanceledException)
            {
                Log.AccountControlInvalid(logger, key, error.Message);
            }
        }
    }
}
