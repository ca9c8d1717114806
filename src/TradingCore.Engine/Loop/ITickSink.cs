using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Loop;

/// <summary>Receives every accepted tick, stamped with its sequence. Called on the engine thread: must not block.</summary>
public interface ITickSink
{
    void Publish(in Tick tick);
}
