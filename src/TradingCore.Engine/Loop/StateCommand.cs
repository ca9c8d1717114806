using TradingCore.Engine.Core;

namespace TradingCore.Engine.Loop;

/// <summary>
/// A command whose input travels with it: with a static <paramref name="action"/> nothing but the command itself is
/// allocated per call (no closure, no delegate), which is the order path's case.
/// </summary>
internal sealed class StateCommand<TState, T>(TState state, Func<EngineCore, TState, long, T> action) : EngineCommand<T>(durable: true)
{
    protected override T Compute(EngineCore core, long nowMs) => action(core, state, nowMs);
}
