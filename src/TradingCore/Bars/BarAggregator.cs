using System.Collections.Concurrent;
using TradingCore.Engine.Domain;
using TradingCore.Engine.Loop;
using TradingCore.Hosting;
using TradingCore.Symbols;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Bars;

/// <summary>
/// Builds bars of every MT5 timeframe from the bid of each accepted tick, on the engine thread (a few comparisons
/// per tick and timeframe). A bar closes when the first tick of a later period arrives: the closed bar goes to
/// storage and to StreamBars subscribers; the forming bar is published on every tick while someone listens.
/// After a restart the newest stored bar of each timeframe is continued if its period has not ended. A tick
/// updates the bars in place under the symbol's lock and allocates nothing; a bar's wire form is built only when
/// someone reads it (GetBars, a StreamBars subscriber, storage at close).
/// </summary>
internal sealed class BarAggregator(BarStore store, BarHub hub, SymbolCatalog catalog) : ITickSink
{
    private readonly ConcurrentDictionary<string, BarState?[]> _bars = new(StringComparer.Ordinal);

    /// <summary>Seeds the forming bars from storage; call before the engine starts.</summary>
    public void Restore(IEnumerable<(string Symbol, Wire.Timeframe Timeframe, Wire.Bar Bar)> latest)
    {
        foreach (var (symbol, timeframe, bar) in latest)
        {
            var state = new BarState { Symbol = symbol, Timeframe = timeframe };
            state.Begin(bar.TimeMs, BarPeriods.Next(timeframe, bar.TimeMs), bar.Open.ToDecimal());
            state.High = bar.High.ToDecimal();
            state.Low = bar.Low.ToDecimal();
            state.Close = bar.Close.ToDecimal();
            state.TickVolume = bar.TickVolume;
            state.RealVolume = bar.RealVolume?.ToDecimal() ?? 0m;
            state.Spread = bar.Spread;
            Slots(symbol)[Array.IndexOf(BarPeriods.All, timeframe)] = state;
        }
    }

    /// <summary>The bar being formed now, or null.</summary>
    public Wire.Bar? Forming(string symbol, Wire.Timeframe timeframe)
    {
        if (!_bars.TryGetValue(symbol, out var slots))
        {
            return null;
        }

        lock (slots)
        {
            return slots[Array.IndexOf(BarPeriods.All, timeframe)] is { TickVolume: > 0 } bar ? bar.ToWire() : null;
        }
    }

    public void Publish(in Tick tick)
    {
        var slots = Slots(tick.Symbol);
        var spread = catalog.Find(tick.Symbol) is { } entry ? SpreadPoints(tick.Ask - tick.Bid, entry.Spec.Point) : 0;
        var listening = hub.HasSubscribers;
        lock (slots)
        {
            for (var index = 0; index < slots.Length; index++)
            {
                var timeframe = BarPeriods.All[index];
                var bar = slots[index];
                if (bar is not null && tick.TimeMs >= bar.EndMs)
                {
                    Close(bar);
                    bar = null;
                }

                if (bar is null)
                {
                    var start = BarPeriods.Start(timeframe, tick.TimeMs);
                    bar = slots[index] ?? new BarState { Symbol = tick.Symbol, Timeframe = timeframe };
                    bar.Begin(start, BarPeriods.Next(timeframe, start), tick.Bid);
                    slots[index] = bar;
                }
                else if (tick.TimeMs < bar.StartMs)
                {
                    continue; // a late tick from before the forming bar: it belongs to a closed bar, leave it
                }

                bar.Add(tick.Bid, tick.Volume, spread);
                if (listening)
                {
                    hub.Publish(new BarUpdate(tick.Symbol, timeframe, bar.ToWire(), Closed: false));
                }
            }
        }
    }

    /// <summary>Stores the forming bars (graceful shutdown), so a restart within their periods continues them.</summary>
    public void Flush()
    {
        foreach (var slots in _bars.Values)
        {
            lock (slots)
            {
                foreach (var bar in slots)
                {
                    if (bar is { TickVolume: > 0 })
                    {
                        store.Enqueue(bar);
                    }
                }
            }
        }
    }

    private void Close(BarState bar)
    {
        store.Enqueue(bar);
        if (hub.HasSubscribers)
        {
            hub.Publish(new BarUpdate(bar.Symbol, bar.Timeframe, bar.ToWire(), Closed: true));
        }
    }

    /// <summary>The spread in points, saturated at int.MaxValue (MT5 bars keep it as an int; admitted prices allow far more).</summary>
    internal static int SpreadPoints(decimal spread, decimal point)
    {
        var points = decimal.Truncate(spread / point);
        return points >= int.MaxValue ? int.MaxValue : points <= 0m ? 0 : (int)points;
    }

    private BarState?[] Slots(string symbol)
    {
        return _bars.GetOrAdd(symbol, static _ => new BarState?[BarPeriods.All.Length]);
    }
}
