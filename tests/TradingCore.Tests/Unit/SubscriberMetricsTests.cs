using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using TradingCore.Contracts.V1;
using TradingCore.Diagnostics;
using TradingCore.Streaming;
using EngineTick = TradingCore.Engine.Domain.Tick;

namespace TradingCore.Tests;

/// <summary>Lag and losses of tick subscribers are measured per subscriber (API key id), so an operator sees which bot is behind.</summary>
public sealed class SubscriberMetricsTests
{
    [Fact]
    public void LostTicksAndBacklog_CarryTheSubscribersKeyId()
    {
        var services = new ServiceCollection().AddMetrics();
        services.AddSingleton(provider => new TickHub(provider.GetRequiredService<TradingCoreMetrics>()));
        services.AddSingleton(provider => new TradingCoreMetrics(provider.GetRequiredService<IMeterFactory>(), provider));
        using var provider = services.BuildServiceProvider();
        var hub = provider.GetRequiredService<TickHub>();

        var lost = new List<(long Count, string Policy, string Key)>();
        var backlog = new List<(int Value, string Key)>();
        using var listener = new MeterListener();
        var factory = provider.GetRequiredService<IMeterFactory>();
        listener.InstrumentPublished = (instrument, meterListener) =>
        {
            // This provider's meter only: servers of tests running in parallel publish the same instruments.
            if (ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Meter.Name == TradingCoreMetrics.MeterName
                && instrument.Name is "tradingcore.stream.ticks.lost" or "tradingcore.stream.tick.backlog")
            {
                meterListener.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) => lost.Add((value, Tag(tags, "policy"), Tag(tags, "key_id"))));
        listener.SetMeasurementEventCallback<int>((_, value, tags, _) => backlog.Add((value, Tag(tags, "key_id"))));
        listener.Start();

        using var slow = hub.Subscribe(new HashSet<string> { "EURUSD" }, TickDeliveryPolicy.DropOldest, capacity: 2, subscriber: "bot-slow");
        using var conflating = hub.Subscribe(new HashSet<string> { "EURUSD" }, TickDeliveryPolicy.Conflate, capacity: 2, subscriber: "bot-conflating");
        for (var index = 0; index < 5; index++)
        {
            hub.Publish(new EngineTick("EURUSD", 1_800_000_000_000 + index, 1.10000m + (index / 100_000m), 1.10010m + (index / 100_000m), 0, 0, 6));
        }

        listener.RecordObservableInstruments();

        // Nobody read: the queue of 2 dropped 3, the conflating buffer replaced its one pending tick 4 times.
        Assert.Equal(3, lost.Where(entry => entry.Key == "bot-slow" && entry.Policy == "DROP_OLDEST").Sum(entry => entry.Count));
        Assert.Equal(4, lost.Where(entry => entry.Key == "bot-conflating" && entry.Policy == "CONFLATE").Sum(entry => entry.Count));
        Assert.Contains((2, "bot-slow"), backlog);
        Assert.Contains((1, "bot-conflating"), backlog);
    }

    private static string Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == name)
            {
                return tag.Value as string ?? "";
            }
        }

        return "";
    }
}
