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
    private readonly Channel<VenueRequest> _outbound = Channel.CreateUnbounded<VenueRequest>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _sender;

    public Mt5Router(ITradingEngine engine, BridgeFeed bridge, ILogger<Mt5Router> logger, TradingCoreMetrics? metrics = null)
    {
        _engine = engine;
        _bridge = bridge;
        _logger = logger;
        _metrics = metrics;
        _sender = Task.Run(SendAsync);
    }

    /// <summary>Orders whose journal commit finished: queued for their terminals (called by the journal writer).</summary>
    public void Committed(VenueRequest[] requests)
    {
        foreach (var request in requests)
        {
            _outbound.Writer.TryWrite(request);
        }
    }

    /// <inheritdoc />
    public async Task LinkChangedAsync(long login, VenueLink link)
    {
        Log.Mt5Link(_logger, login, link.Connected ? "up" : "down", link.TradeAllowed, link.Currency);
        _metrics?.Mt5LinkChanged(login, link);
        await ApplyAsync(login, "link", 0, (core, now) =>
        {
            core.SetVenueLink(login, link, now);
            return VenueOutcome.Applied;
        }).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task ResultAsync(VenueResult result) =>
        ApplyAsync(result.Login, "result", result.OrderTicket, (core, now) => core.ApplyVenueResult(result, now));

    /// <inheritdoc />
    public Task DealAsync(VenueDeal deal) =>
        ApplyAsync(deal.Login, "deal", deal.Mt5DealTicket, (core, now) => core.ApplyVenueDeal(deal, now));

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
            var report = await _engine.ExecuteAsync((core, now) => core.Reconcile(sync, now), CancellationToken.None).ConfigureAwait(false);
            if (!report.Applied)
            {
                return;
            }

            _metrics?.Mt5Reconciled(report);
            Log.Mt5Reconciled(_logger, sync.Login, report.OrdersResolved, report.PositionsOpened, report.PositionsClosed, report.BalanceAdjustment, report.Mismatches);
        }
        catch (Exception error) when (error is EngineUnavailableException or EngineBusyException or EngineRefusedException)
        {
            Log.Mt5ReportFailed(_logger, sync.Login, "reconciliation", error);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _outbound.Writer.TryComplete();
        await _sender.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
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
        await foreach (var request in _outbound.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (await _bridge.TrySendAsync(request).ConfigureAwait(false))
            {
                _metrics?.Mt5OrderSent();
                continue;
            }

            // Certainly not sent (no connected v2 session): the order ends here, never resent on its own.
            Log.Mt5NotSent(_logger, request.Login, request.Order.Ticket);
            var unsent = new VenueResult(request.Login, request.Order.Ticket, TradeRetcode.Connection, 0, "not sent: the terminal was not connected");
            await ApplyAsync(request.Login, "unsent", request.Order.Ticket, (core, now) => core.ApplyVenueResult(unsent, now)).ConfigureAwait(false);
        }
    }
}
