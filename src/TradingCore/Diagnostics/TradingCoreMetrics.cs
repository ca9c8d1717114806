using System.Diagnostics;
using System.Diagnostics.Metrics;
using TradingCore.Engine.Loop;
using TradingCore.Feeds;
using TradingCore.Hosting;
using TradingCore.Mt5Feed;
using TradingCore.Streaming;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Diagnostics;

/// <summary>
/// The host's instruments (meter <see cref="MeterName"/>), exported with the engine's (<see cref="EngineMetrics"/>)
/// through OpenTelemetry's Prometheus endpoint. docs/operations.md says what each one means and what to alert on.
/// Recording is allocation-free; gauges are read only when scraped.
/// </summary>
internal sealed class TradingCoreMetrics
{
    public const string MeterName = "TradingCore";

    private readonly Histogram<double> _commit;
    private readonly Histogram<long> _batchSteps;
    private readonly Histogram<double> _decidedToDurable;
    private readonly Counter<long> _orders;
    private readonly Counter<long> _deals;
    private readonly Dictionary<(Wire.OrderState State, Wire.TradeRetcode Retcode), long> _orderTally = [];
    private readonly Dictionary<Wire.DealEntry, long> _dealTally = [];
    private readonly Histogram<double> _tickToWrite;
    private readonly Histogram<double> _eventToWrite;
    private readonly Counter<long> _ticksLost;
    private readonly Counter<long> _streamsEnded;
    private readonly Counter<long> _authFailures;
    private readonly Counter<long> _refusedBusy;
    private readonly Counter<long> _feedRefused;
    private readonly Histogram<double> _rpc;
    private readonly Counter<long> _mt5Reports;
    private readonly Counter<long> _mt5Sent;
    private readonly Counter<long> _mt5Reconciliations;
    private readonly Counter<long> _mt5External;
    private readonly Histogram<double> _mt5Routing;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, int> _mt5Links = new();

    public TradingCoreMetrics(IMeterFactory meters, IServiceProvider services)
    {
        var meter = meters.Create(MeterName);
        Engine = new EngineMetrics(meters.Create(EngineMetrics.MeterName));
        _commit = EngineMetrics.Latency(meter, "tradingcore.journal.commit.duration", "Time to commit one journal batch (one SQLite transaction).");
        _batchSteps = meter.CreateHistogram("tradingcore.journal.batch.size", "{step}", "Engine steps committed per journal batch.", tags: null, new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024] });
        _decidedToDurable = EngineMetrics.Latency(meter, "tradingcore.journal.decided_to_durable", "Time from the engine deciding a step to its commit (an order's durable-ack wait).");
        _orders = meter.CreateCounter<long>("tradingcore.orders", "{order}", "Order state changes committed, by state and retcode.");
        _deals = meter.CreateCounter<long>("tradingcore.deals", "{deal}", "Deals committed, by entry.");
        _tickToWrite = EngineMetrics.Latency(meter, "tradingcore.stream.tick.applied_to_written", "Time from the engine publishing a tick to the tick written to a subscriber's stream (one sample per burst of writes: its slowest tick).");
        _eventToWrite = EngineMetrics.Latency(meter, "tradingcore.stream.event.durable_to_written", "Time from a trade event's batch becoming durable to the event written to a subscriber's stream.");
        _ticksLost = meter.CreateCounter<long>("tradingcore.stream.ticks.lost", "{tick}", "Ticks conflated or dropped for subscribers that were behind, by policy.");
        _streamsEnded = meter.CreateCounter<long>("tradingcore.stream.overflows", "{stream}", "Streams ended because the subscriber fell too far behind, by kind.");
        _authFailures = meter.CreateCounter<long>("tradingcore.auth.failures", "{call}", "Refused logins and calls, by reason.");
        _refusedBusy = meter.CreateCounter<long>("tradingcore.calls.refused_busy", "{call}", "Unary trading calls refused RESOURCE_EXHAUSTED because the core was working on Engine:MaxCallsInFlight calls.");
        _feedRefused = meter.CreateCounter<long>("tradingcore.feed.refused", "{frame}", "Feed frames refused for their values (the connection goes on), by feed and kind.");
        _rpc = EngineMetrics.Latency(meter, "tradingcore.rpc.server.duration", "Calls answered, gRPC or HTTP/JSON, by service, method, gRPC status and transport; streams count when they end.");
        _mt5Reports = meter.CreateCounter<long>("tradingcore.mt5.reports", "{report}", "Reports of MT5 terminals (link, result, deal, unsent) by what the engine did with them: APPLIED, DUPLICATE, EXTERNAL, IGNORED.");
        _mt5Sent = meter.CreateCounter<long>("tradingcore.mt5.orders.sent", "{order}", "Orders sent to MT5 terminals.");
        _mt5Reconciliations = meter.CreateCounter<long>("tradingcore.mt5.reconciliations", "{sweep}", "Reconciliations with MT5 by result: CLEAN (nothing to change), CHANGED, MISMATCH (differences left: a defect).");
        _mt5Routing = EngineMetrics.Latency(meter, "tradingcore.mt5.routing.duration", "A routed order's stages: committed_to_sent (its journal commit to the write to the terminal), sent_to_result (to MT5's result), sent_to_fill (to its first deal).");
        _mt5External = meter.CreateCounter<long>("tradingcore.mt5.reconciliation.changes", "{change}", "What reconciliations changed to agree with MT5, by kind: position_opened, position_closed, order_resolved, balance_adjusted.");
        meter.CreateObservableGauge("tradingcore.mt5.link", () => _mt5Links.Select(link => new Measurement<int>(link.Value, new KeyValuePair<string, object?>("login", link.Key))), "{state}", "Link of each v2 terminal: 1 connected with AutoTrading on, 2 AutoTrading off, 0 disconnected.");

        // Current values are gauges. The runtime's thread-pool figures are up-down counters, which the exporter
        // writes as counters (_total); they are exported as gauges here instead (the runtime's are dropped).
        meter.CreateObservableGauge(RuntimeThreadPoolQueue, () => ThreadPool.PendingWorkItemCount, "{work_item}", "Work items waiting in the thread pool's queues now.");
        meter.CreateObservableGauge(RuntimeThreadPoolThreads, () => ThreadPool.ThreadCount, "{thread}", "Thread-pool threads now.");

        meter.CreateObservableGauge("tradingcore.engine.queue.depth", () => Host(services)?.EngineOrNull?.QueueDepth ?? 0, "{message}", "Messages waiting in the engine input queue.");
        meter.CreateObservableGauge("tradingcore.journal.projection.lag", () => services.GetRequiredService<Persistence.JournalWriter>().ProjectionLag, "{event}", "Events in the journal that the queryable tables do not hold yet; at TradingCore:Persistence:MaxProjectionLag new orders wait.");
        meter.CreateObservableCounter("tradingcore.journal.projection.holds", () => services.GetRequiredService<Persistence.JournalWriter>().ProjectionHolds, "{hold}", "Times the journal writer waited for the projection to come within MaxProjectionLag.");
        meter.CreateObservableGauge("tradingcore.stream.tick.subscribers", () => services.GetRequiredService<TickHub>().SubscriberCount, "{stream}", "Open tick streams.");
        meter.CreateObservableGauge("tradingcore.stream.tick.backlog.max", () => services.GetRequiredService<TickHub>().MaxBacklog, "{tick}", "Ticks waiting for the most lagging tick subscriber.");
        meter.CreateObservableGauge("tradingcore.stream.tick.backlog", () => Backlogs(services), "{tick}", "Ticks waiting per subscriber (API key id; its most lagging stream).");
        meter.CreateObservableGauge("tradingcore.feed.state", () => FeedStates(services), "{state}", "Feed state: 1 connected, 2 stale, 3 disconnected.");
        meter.CreateObservableGauge("tradingcore.feed.tick_age", () => TickAges(services), "s", "Seconds since the last tick of each symbol.");
    }

    /// <summary>The thread-pool queue length, a gauge (System.Runtime's up-down counter of the same name is dropped).</summary>
    public const string RuntimeThreadPoolQueue = "dotnet.thread_pool.queue.length";

    /// <summary>The thread-pool thread count, a gauge (System.Runtime's up-down counter of the same name is dropped).</summary>
    public const string RuntimeThreadPoolThreads = "dotnet.thread_pool.thread.count";

    /// <summary>The engine's instruments, handed to the engine when it starts.</summary>
    public EngineMetrics Engine { get; }

    public void BatchCommitted(long started, IReadOnlyList<OutboxEntry> batch, IReadOnlyList<Wire.TradeEvent> events)
    {
        var now = Stopwatch.GetTimestamp();
        _commit.Record(Stopwatch.GetElapsedTime(started, now).TotalSeconds);
        _batchSteps.Record(batch.Count);
        foreach (var entry in batch)
        {
            if (entry.Reply is not null)
            {
                _decidedToDurable.Record(Stopwatch.GetElapsedTime(entry.Decided, now).TotalSeconds);
            }
        }

        // Counted per batch and added once per state/retcode and entry: a counter's Add with tags is a lookup of
        // the tag set, per event it was ~1 µs of the journal thread's time per order. The journal thread alone calls
        // this; the lock (never contended) only keeps the tallies sound if that ever changes.
        lock (_orderTally)
        {
            Tally(events);
        }
    }

    private void Tally(IReadOnlyList<Wire.TradeEvent> events)
    {
        foreach (var tradeEvent in events)
        {
            switch (tradeEvent.PayloadCase)
            {
                case Wire.TradeEvent.PayloadOneofCase.Order:
                    var key = (tradeEvent.Order.State, tradeEvent.Order.Retcode);
                    _orderTally[key] = _orderTally.GetValueOrDefault(key) + 1;
                    break;
                case Wire.TradeEvent.PayloadOneofCase.Deal:
                    _dealTally[tradeEvent.Deal.Entry] = _dealTally.GetValueOrDefault(tradeEvent.Deal.Entry) + 1;
                    break;
            }
        }

        foreach (var ((state, retcode), count) in _orderTally)
        {
            _orders.Add(count, new KeyValuePair<string, object?>("state", Name(state)), new KeyValuePair<string, object?>("retcode", Name(retcode)));
        }

        foreach (var (entry, count) in _dealTally)
        {
            _deals.Add(count, new KeyValuePair<string, object?>("entry", Name(entry)));
        }

        _orderTally.Clear();
        _dealTally.Clear();
    }

    /// <summary>A subscriber's burst of ticks was written; <paramref name="slowest"/> is its slowest tick's publish-to-write time in Stopwatch ticks.</summary>
    public void TickWritten(long slowest) => _tickToWrite.Record((double)slowest / Stopwatch.Frequency);

    /// <summary>A live trade event, published when its batch became durable at <paramref name="published"/>, was written to a stream.</summary>
    public void EventWritten(long published) => _eventToWrite.Record(Stopwatch.GetElapsedTime(published).TotalSeconds);

    /// <summary>Ticks conflated or dropped for <paramref name="subscriber"/> (an API key id: bounded by the keys issued).</summary>
    public void TicksLost(Wire.TickDeliveryPolicy policy, string subscriber, long count) =>
        _ticksLost.Add(count, new KeyValuePair<string, object?>("policy", Name(policy)), new KeyValuePair<string, object?>("key_id", subscriber));

    public void StreamOverflowed(string kind) => _streamsEnded.Add(1, new KeyValuePair<string, object?>("kind", kind));

    /// <summary>A feed frame refused; <paramref name="feed"/> is bounded by the configured terminals, <paramref name="kind"/> by the code.</summary>
    public void FeedRefused(string feed, string kind) =>
        _feedRefused.Add(1, new KeyValuePair<string, object?>("feed", feed), new KeyValuePair<string, object?>("kind", kind));

    /// <summary>
    /// A call ended. <paramref name="service"/> and <paramref name="method"/> are a mapped method's (or "unknown":
    /// a caller cannot grow the label set with made-up paths); <paramref name="code"/> is its gRPC status.
    /// </summary>
    public void RpcEnded(string service, string method, int code, string transport, double seconds) =>
        _rpc.Record(
            seconds,
            new KeyValuePair<string, object?>("rpc_service", service),
            new KeyValuePair<string, object?>("rpc_method", method),
            new KeyValuePair<string, object?>("grpc_status", StatusNames.Get(code)),
            new KeyValuePair<string, object?>("transport", transport));

    public void Mt5LinkChanged(long login, Engine.Domain.VenueLink link) => _mt5Links[login] = !link.Connected ? 0 : link.TradeAllowed ? 1 : 2;

    public void Mt5Report(string report, Engine.Commands.VenueOutcome outcome) =>
        _mt5Reports.Add(1, new KeyValuePair<string, object?>("report", report), new KeyValuePair<string, object?>("outcome", outcome.ToString().ToUpperInvariant()));

    public void Mt5OrderSent() => _mt5Sent.Add(1);

    public void Mt5Routed(string stage, long since) =>
        _mt5Routing.Record(Stopwatch.GetElapsedTime(since).TotalSeconds, new KeyValuePair<string, object?>("stage", stage));

    public void Mt5Reconciled(Engine.Commands.ReconcileReport report)
    {
        var result = report.Mismatches > 0 ? "MISMATCH" : report.Changed ? "CHANGED" : "CLEAN";
        _mt5Reconciliations.Add(1, new KeyValuePair<string, object?>("result", result));
        _mt5External.Add(report.PositionsOpened, new KeyValuePair<string, object?>("kind", "position_opened"));
        _mt5External.Add(report.PositionsClosed, new KeyValuePair<string, object?>("kind", "position_closed"));
        _mt5External.Add(report.OrdersResolved, new KeyValuePair<string, object?>("kind", "order_resolved"));
        _mt5External.Add(report.BalanceAdjustment != 0m ? 1 : 0, new KeyValuePair<string, object?>("kind", "balance_adjusted"));
    }

    public void AuthFailed(string reason) => _authFailures.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void CallRefusedBusy() => _refusedBusy.Add(1);

    private static TradingCoreHost? Host(IServiceProvider services) => services.GetService<TradingCoreHost>();

    private static IEnumerable<Measurement<int>> Backlogs(IServiceProvider services) =>
        services.GetRequiredService<TickHub>().BacklogBySubscriber().Select(entry => new Measurement<int>(entry.Backlog, new KeyValuePair<string, object?>("key_id", entry.Subscriber)));

    private static IEnumerable<Measurement<int>> FeedStates(IServiceProvider services) =>
        services.GetRequiredService<FeedMonitor>().Feeds.Select(feed => new Measurement<int>((int)feed.Value.State, new KeyValuePair<string, object?>("feed", feed.Key)));

    private static IEnumerable<Measurement<double>> TickAges(IServiceProvider services)
    {
        var nowMs = services.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeMilliseconds();
        return services.GetRequiredService<FeedMonitor>().LastTicks.Select(symbol => new Measurement<double>(Math.Max(0, nowMs - symbol.LastTickMs) / 1000.0, new KeyValuePair<string, object?>("symbol", symbol.Symbol)));
    }

    /// <summary>Enum values as people read them everywhere (<see cref="Wire.ContractNames"/>); the zero value reads NONE.</summary>
    private static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => EnumNames<TEnum>.Get(value);

    private static class EnumNames<TEnum>
        where TEnum : struct, Enum
    {
        // Cached: no allocation per recording. Zero values are the proto3 "unspecified": NONE reads better on a
        // dashboard (e.g. the retcode of a fill).
        private static readonly Dictionary<TEnum, string> Names = Enum.GetValues<TEnum>().Distinct().ToDictionary(value => value, value => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) == 0 ? "NONE" : Wire.ContractNames.Short(value));

        public static string Get(TEnum value) => Names.TryGetValue(value, out var name) ? name : value.ToString();
    }

    /// <summary>gRPC status codes by their names (OK, INVALID_ARGUMENT, ...), cached.</summary>
    private static class StatusNames
    {
        private static readonly string[] Names = [.. Enum.GetValues<global::Grpc.Core.StatusCode>().OrderBy(code => (int)code).Select(code => Snake(code.ToString()))];

        /// <summary>"DeadlineExceeded" reads "DEADLINE_EXCEEDED", "OK" stays "OK".</summary>
        private static string Snake(string name) =>
            string.Concat(name.Select((character, index) => index > 0 && char.IsUpper(character) && char.IsLower(name[index - 1]) ? "_" + character : character.ToString())).ToUpperInvariant();

        public static string Get(int code) => code >= 0 && code < Names.Length ? Names[code] : "UNKNOWN";
    }
}
