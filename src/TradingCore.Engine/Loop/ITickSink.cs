using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Loop;

/// <summary>Receives every accepted tick, stamped with its sequence. Called on the engine thread: must not block.</summary>
public interface ITickSink
{
    /// <summary>Called on the engine thread for every accepted tick; must not block.</summary>
    void Publish(in Tick tick);
}
