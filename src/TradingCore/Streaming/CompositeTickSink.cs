using TradingCore.Engine.Domain;
using TradingCore.Engine.Loop;

namespace TradingCore.Streaming;

/// <summary>Hands each accepted tick to several sinks in order (the tick hub, then the bar aggregator).</summary>
internal sealed class CompositeTickSink(params ITickSink[] sinks) : ITickSink
{
    public void Publish(in Tick tick)
    {
        foreach (var sink in sinks)
        {
            sink.Publish(tick);
        }
    }
}
