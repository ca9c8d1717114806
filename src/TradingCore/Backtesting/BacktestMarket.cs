using TradingCore.Engine.Domain;
using TradingCore.Mt5Feed.Replay;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Backtesting;

/// <summary>
/// A run's market data as steps (docs/backtesting.md): tick data tick by tick; bar data bar by bar, each bar's
/// ticks along <see cref="BarTickPath"/>, or tick by tick along those paths. Bars are kept as compact rows and
/// their ticks made when their step comes, so a year of M1 bars costs its rows, not its ticks.
/// </summary>
internal sealed class BacktestMarket
{
    private readonly IReadOnlyList<Tick>? _ticks;
    private readonly IReadOnlyList<Mt5BarRow>? _bars;
    private readonly SymbolSpec _spec;
    private readonly TimeSpan _barLength;

    private BacktestMarket(SymbolSpec spec, IReadOnlyList<Tick>? ticks, IReadOnlyList<Mt5BarRow>? bars, TimeSpan barLength, Wire.BacktestStepKind step)
    {
        _spec = spec;
        _ticks = ticks;
        _bars = bars;
        _barLength = barLength;
        Step = step;
        Steps = ticks is not null ? ticks.Count : step == Wire.BacktestStepKind.Bar ? bars!.Count : (long)bars!.Count * TicksPerBar;
    }

    /// <summary>Ticks one bar becomes (<see cref="BarTickPath"/>).</summary>
    public const int TicksPerBar = 1 + (3 * (BarTickPath.StepsBetweenWaypoints + 1));

    public Wire.BacktestStepKind Step { get; }

    public long Steps { get; }

    /// <summary>Rows of data held: ticks, or bars.</summary>
    public int Rows => _ticks?.Count ?? _bars!.Count;

    /// <summary>Tick data: every tick is a step.</summary>
    public static BacktestMarket FromTicks(SymbolSpec spec, IReadOnlyList<Tick> ticks) =>
        new(spec, ticks, null, TimeSpan.Zero, Wire.BacktestStepKind.Tick);

    /// <summary>Bar data (open times in UTC), stepped by bar or by the ticks of their paths.</summary>
    public static BacktestMarket FromBars(SymbolSpec spec, IReadOnlyList<Mt5BarRow> bars, TimeSpan barLength, Wire.BacktestStepKind step) =>
        new(spec, null, bars, barLength, step == Wire.BacktestStepKind.Unspecified ? Wire.BacktestStepKind.Bar : step);

    /// <summary>The steps in order.</summary>
    public IEnumerable<BacktestStepData> Enumerate()
    {
        if (_ticks is not null)
        {
            foreach (var tick in _ticks)
            {
                yield return new BacktestStepData([tick], null);
            }

            yield break;
        }

        foreach (var bar in _bars!)
        {
            var ticks = BarTickPath.Generate(_spec.Name, bar, _barLength, _spec.Point, _spec.TickSize, utcOffsetMs: 0).ToList();
            if (Step == Wire.BacktestStepKind.Bar)
            {
                yield return new BacktestStepData(ticks, ToWire(bar));
                continue;
            }

            foreach (var tick in ticks)
            {
                yield return new BacktestStepData([tick], null);
            }
        }
    }

    private static Wire.Bar ToWire(Mt5BarRow bar) => new()
    {
        TimeMs = bar.ServerTimeMs,
        Open = Wire.Decimal.FromDecimal(bar.Open),
        High = Wire.Decimal.FromDecimal(bar.High),
        Low = Wire.Decimal.FromDecimal(bar.Low),
        Close = Wire.Decimal.FromDecimal(bar.Close),
        TickVolume = bar.TickVolume,
        RealVolume = Wire.Decimal.FromDecimal(bar.Volume),
        Spread = bar.SpreadPoints,
    };
}
