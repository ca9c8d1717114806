using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace TradingCore.Engine.Loop;

/// <summary>
/// The engine's instruments (meter <see cref="MeterName"/>): how long commands wait in the input queue and run,
/// and how long a tick takes from feed ingress (handed to the engine) to applied. Timestamps are
/// <see cref="Stopwatch"/> ticks taken for measurement only; they never influence trading state, so the engine
/// stays deterministic. Recording allocates nothing.
/// </summary>
public sealed class EngineMetrics
{
    /// <summary>Name of the meter the engine's instruments belong to.</summary>
    public const string MeterName = "TradingCore.Engine";

    /// <summary>Bucket boundaries (seconds) of every latency histogram: 1 µs to 10 s.</summary>
    public static readonly IReadOnlyList<double> LatencyBuckets =
        [0.000001, 0.0000025, 0.000005, 0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private static readonly KeyValuePair<string, object?> Durable = new("kind", "command");
    private static readonly KeyValuePair<string, object?> Query = new("kind", "query");

    private readonly Histogram<double> _queueWait;
    private readonly Histogram<double> _run;
    private readonly Histogram<double> _tickIngress;
    private readonly Counter<long> _ticks;
    private readonly Counter<long> _ticksRejected;
    private readonly Counter<long> _ticksConflated;
    private readonly Counter<long> _commandsRefused;
    private readonly KeyValuePair<string, object?>[] _rejectionTags =
        [.. Enum.GetValues<Domain.TickRejection>().Select(reason => new KeyValuePair<string, object?>("reason", Domain.TickRules.Label(reason)))];

    /// <summary>Creates the instruments on <paramref name="meter"/>.</summary>
    public EngineMetrics(Meter meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        _queueWait = Latency(meter, "tradingcore.engine.command.queue_wait", "Time a command waited in the engine input queue before it ran.");
        _run = Latency(meter, "tradingcore.engine.command.duration", "Time a command ran on the engine thread.");
        _tickIngress = Latency(meter, "tradingcore.tick.ingress_to_applied", "Time from a feed handing a tick to the engine until the engine applied it (for the first tick applied from a conflated run: from the run's oldest tick, i.e. the engine's lag).");
        _ticks = meter.CreateCounter<long>("tradingcore.engine.ticks", "{tick}", "Ticks applied by the engine.");
        _ticksRejected = meter.CreateCounter<long>("tradingcore.engine.ticks.rejected", "{tick}", "Ticks the engine did not apply, by reason (unknown_symbol, price_out_of_range, crossed, time_out_of_range, last_or_volume_out_of_range).");
        _ticksConflated = meter.CreateCounter<long>("tradingcore.engine.ticks.conflated", "{tick}", "Ticks not applied because more than 256 ticks of their symbol waited for the engine (of the excess, the highest and lowest bid and ask and the newest are applied).");
        _commandsRefused = meter.CreateCounter<long>("tradingcore.engine.commands.refused", "{command}", "Commands refused because the engine could not compute them (nothing changed).");
    }

    internal void TickRejected(Domain.TickRejection reason) => _ticksRejected.Add(1, _rejectionTags[(int)reason]);

    internal void CommandRefused() => _commandsRefused.Add(1);

    internal void TicksConflated(int count) => _ticksConflated.Add(count);

    /// <summary>A latency histogram in seconds with the shared bucket boundaries.</summary>
    public static Histogram<double> Latency(Meter meter, string name, string description)
    {
        ArgumentNullException.ThrowIfNull(meter);
        return meter.CreateHistogram(name, "s", description, tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
    }

    internal void CommandRan(long enqueued, long started, long finished, bool durable)
    {
        var kind = durable ? Durable : Query;
        _queueWait.Record(Stopwatch.GetElapsedTime(enqueued, started).TotalSeconds, kind);
        _run.Record(Stopwatch.GetElapsedTime(started, finished).TotalSeconds, kind);
    }

    internal void TickApplied(long ingress, long applied)
    {
        _ticks.Add(1);
        if (ingress != 0)
        {
            _tickIngress.Record(Stopwatch.GetElapsedTime(ingress, applied).TotalSeconds);
        }
    }
}
