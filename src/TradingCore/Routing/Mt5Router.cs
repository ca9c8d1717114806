using System.Threading.Channels;
using TradingCore.Diagnostics;
using TradingCore.Engine.Commands;
using TradingCore.Engine.Domain;
using TradingCore.Engine.Loop;
using TradingCore.Mt5Feed.Bridge;

namespace TradingCore.Routing;

/// <summary>
/// Between the engine and MT5 terminals (docs/mt5-routing.md). Outbound: the orders the engine decided for a terminal,
/// handed over after their journal commit, are sent in decision order by one loop; an order that cannot be sent (no
/// connected v2 terminal) is rejected with 10031, never retried. Inbound: a terminal's link, MT5's results and MT5's
/// deals become engine commands, applied and durable before the session reads its next frame.
/// </summary>
internal sealed class Mt5Router : ITradeObserver, IAsyncDisposable
{
    private readonly ITradingEngine _engine;
    private readonly BridgeFeed _bridge;
    private readonly ILogger _logger;
    private readonly TradingCoreMetrics? _metrics;
    private readonly Channel<(VenueRequest Request, long Committed)> _outbound = Channel.CreateUnbounded<(VenueRequest, long)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _sender;

    /// <summary>Orders sent and not yet answered: core ticket → (login, when sent, whether MT5's result came).</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<ulong, (long Login, long Sent, bool Answered, bool Fills)> _inFlight = new();

    /// <summary>The link each v2 terminal reported last, by login (health).</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, VenueLink> _links = new();

    /// <summary>The link each v2 terminal reported last, by login: "mt5/{login}" in grpc.health.v1.</summary>
    public IReadOnlyDictionary<long, VenueLink> Links => _links;

    private readonly TimeSpan _timeout;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watch;

    private readonly LedgerCheck? _ledger;

    public Mt5Router(ITradingEngine engine, BridgeFeed bridge, TimeSpan timeout, ILogger<Mt5Router> logger, TradingCoreMetrics? metrics = null, LedgerCheck? ledger = null)
    {
        _ledger = ledger;
        _engine = engine;
        _bridge = bridge;
        _timeout = timeout;
        _logger = logger;
        _metrics = metrics;
        _sender = Task.Run(SendAsync);
        _watch = Task.Run(WatchAsync);
    }

    /// <summary>Orders whose journal commit finished: queued for their terminals (called by the journal writer).</summary>
    public void Committed(VenueRequest[] requests)
    {
        var committed = System.Diagnostics.Stopwatch.GetTimestamp();
        foreach (var request in requests)
        {
            _outbound.Writer.TryWrite((request, committed));
        }
    }

    /// <inheritdoc />
    public async Task LinkChangedAsync(long login, VenueLink link)
    {
        Log.Mt5Link(_logger, login, link.Connected ? "up" : "down", link.TradeAllowed, link.Currency);
        _links[login] = link;
        _metrics?.Mt5LinkChanged(login, link);
        await ApplyAsync(login, "link", 0, (core, now) =>
        {
            core.SetVenueLink(login, link, now);
            return VenueOutcome.Applied;
        }).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task ResultAsync(VenueResult result)
    {
        if (_inFlight.TryGetValue(result.OrderTicket, out var sent))
        {
            _metrics?.Mt5Routed("sent_to_result", sent.Sent);
            _inFlight[result.OrderTicket] = sent with { Answered = true };

            // Only an order that fills at once (a deal, a close-by) has a fill to time; a placed pending order waits for its trigger.
            if (!result.Accepted || !sent.Fills)
            {
                _inFlight.TryRemove(result.OrderTicket, out _);
            }
        }

        return ApplyAsync(result.Login, "result", result.OrderTicket, (core, now) => core.ApplyVenueResult(result, now));
    }

    /// <inheritdoc />
    public Task DealAsync(VenueDeal deal)
    {
        // The first deal of an order sent from here (its tag names it): the fill's latency.
        if (deal.OrderTicket != 0 && _inFlight.TryRemove(deal.OrderTicket, out var sent))
        {
            _metrics?.Mt5Routed("sent_to_fill", sent.Sent);
        }

        return ApplyAsync(deal.Login, "deal", deal.Mt5DealTicket, (core, now) => core.ApplyVenueDeal(deal, now));
    }

    /// <inheritdoc />
    public Task OrderStateAsync(long login, ulong mt5OrderTicket, ulong orderTicket, OrderState state) =>
        ApplyAsync(login, "order_state", mt5OrderTicket, (core, now) => core.ApplyVenueOrderState(login, mt5OrderTicket, orderTicket, state, now));

    /// <inheritdoc />
    public Task PositionStopsAsync(long login, ulong mt5PositionId, decimal? stopLoss, decimal? takeProfit) =>
        ApplyAsync(login, "position_update", mt5PositionId, (core, now) => core.ApplyVenuePositionStops(login, mt5PositionId, stopLoss, takeProfit, now));

    /// <inheritdoc />
    public async Task<long> SyncFromAsync(long login)
    {
        try
        {
            return await _engine.ExecuteAsync((core, _) => core.VenueSyncFromMs(login), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception error) when (error is EngineUnavailableException or EngineBusyException)
        {
            Log.Mt5ReportFailed(_logger, login, "sync point", error);
            return -1;
        }
    }

    /// <inheritdoc />
    public async Task ReconcileAsync(VenueSync sync)
    {
        try
        {
            var (report, accountId) = await _engine.ExecuteAsync((core, now) => (core.Reconcile(sync, now), core.AccountRoutedTo(sync.Login)), CancellationToken.None).ConfigureAwait(false);
            if (!report.Applied)
            {
                return;
            }

            // The ledger invariants against the stored deals: the balance is what the deals book, each position what
            // its deals sum to.
            var problems = _ledger is null || accountId is not { } id ? [] : await CheckLedgerAsync(_ledger, id, sync.Login).ConfigureAwait(false);
            foreach (var problem in problems)
            {
                Log.LedgerProblem(_logger, sync.Login, problem);
            }

            report = report with { Mismatches = report.Mismatches + problems.Count };
            _metrics?.Mt5Reconciled(report);
            Log.Mt5Reconciled(_logger, sync.Login, report.OrdersResolved, report.PositionsOpened, report.PositionsClosed, report.BalanceAdjustment, report.Mismatches);
        }
        catch (Exception error) when (error is EngineUnavailableException or EngineBusyException or EngineRefusedException)
        {
            Log.Mt5ReportFailed(_logger, sync.Login, "reconciliation", error);
        }
    }

    private async Task<IReadOnlyList<string>> CheckLedgerAsync(LedgerCheck ledger, long accountId, long login)
    {
        try
        {
            return await ledger.ProblemsAsync(_engine, accountId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            Log.Mt5ReportFailed(_logger, login, "ledger check", error);
            return [];
        }
    }

    private int _disposed;

    /// <summary>Stops sending and watching (idempotent: a host may stop twice).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _outbound.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        await _sender.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _watch.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    /// <summary>
    /// Once a second: a terminal with an order unanswered for longer than the routing timeout (the engine makes such
    /// orders UNKNOWN on its clock) is asked for a sweep, which decides them; each such order asks once.
    /// </summary>
    private async Task WatchAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
        {
            var now = System.Diagnostics.Stopwatch.GetTimestamp();
            var overdue = now - (long)(_timeout.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
            var forgotten = now - (3_600 * System.Diagnostics.Stopwatch.Frequency);
            var logins = new HashSet<long>();
            foreach (var (ticket, sent) in _inFlight)
            {
                if (!sent.Answered && sent.Sent < overdue && _inFlight.TryRemove(ticket, out _))
                {
                    logins.Add(sent.Login);
                }
                else if (sent.Answered && sent.Sent < forgotten)
                {
                    _inFlight.TryRemove(ticket, out _); // answered, its fill never named it (a close-by's deals): no latency to record
                }
            }

            foreach (var login in logins)
            {
                var from = await SyncFromAsync(login).ConfigureAwait(false);
                if (from >= 0 && await _bridge.TrySendSyncAsync(login, from).ConfigureAwait(false))
                {
                    Log.Mt5SweepRequested(_logger, login);
                }
            }
        }
    }

    private async Task ApplyAsync(long login, string report, ulong key, Func<Engine.Core.EngineCore, long, VenueOutcome> apply)
    {
        try
        {
            var outcome = await _engine.ExecuteAsync(apply, CancellationToken.None).ConfigureAwait(false);
            _metrics?.Mt5Report(report, outcome);
            if (outcome != VenueOutcome.Applied)
            {
                Log.Mt5Report(_logger, login, report, key, outcome.ToString());
            }
        }
        catch (Exception error) when (error is EngineUnavailableException or EngineBusyException or EngineRefusedException)
        {
            // Not applied: the terminal's state is MT5's, and its next reconciliation reports it again.
            Log.Mt5ReportFailed(_logger, login, report, error);
        }
    }

    private async Task SendAsync()
    {
        await foreach (var (request, committed) in _outbound.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (await _bridge.TrySendAsync(request).ConfigureAwait(false))
            {
                _metrics?.Mt5OrderSent();
                _metrics?.Mt5Routed("committed_to_sent", committed);
                _inFlight[request.Order.Ticket] = (request.Login, System.Diagnostics.Stopwatch.GetTimestamp(), false, request.Action is VenueAction.Deal or VenueAction.CloseBy);
                continue;
            }

            // Certainly not sent (no connected v2 session): the order ends here, never resent on its own.
            Log.Mt5NotSent(_logger, request.Login, request.Order.Ticket);
            var unsent = new VenueResult(request.Login, request.Order.Ticket, TradeRetcode.Connection, 0, "not sent: the terminal was not connected");
            await ApplyAsync(request.Login, "unsent", request.Order.Ticket, (core, now) => core.ApplyVenueResult(unsent, now)).ConfigureAwait(false);
        }
    }
}
