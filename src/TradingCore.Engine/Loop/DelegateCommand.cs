using TradingCore.Engine.Core;

namespace TradingCore.Engine.Loop;

/// <summary>A command given as a delegate (a closure over its input).</summary>
internal sealed class DelegateCommand<T>(Func<EngineCore, long, T> action, bool durable) : EngineCommand<T>(durable)
{
    protected override T Compute(EngineCore core, long nowMs) => action(core, nowMs);
}
