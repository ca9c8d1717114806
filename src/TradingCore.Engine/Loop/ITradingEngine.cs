using TradingCore.Engine.Core;

namespace TradingCore.Engine.Loop;

/// <summary>
/// The two lanes into the engine thread, all a service needs of the engine. A command on the durable lane may
/// change state; its reply comes after its events are durable. A query on the query lane sees a read-only
/// <see cref="IEngineView"/> and replies as soon as it ran.
/// </summary>
public interface ITradingEngine
{
    /// <summary>
    /// Runs a state-changing command. The task completes after the command's events are durable, or fails with
    /// <see cref="EngineBusyException"/> (input full for the admission timeout) or
    /// <see cref="EngineUnavailableException"/> (engine starting, stopped or halted).
    /// </summary>
    Task<T> ExecuteAsync<T>(Func<EngineCore, long, T> command, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="ExecuteAsync{T}(Func{EngineCore, long, T}, CancellationToken)"/> with the command's input passed
    /// along, so that a static <paramref name="command"/> needs no closure per call (the order path).
    /// </summary>
    Task<T> ExecuteAsync<TState, T>(TState state, Func<EngineCore, TState, long, T> command, CancellationToken cancellationToken) =>
        ExecuteAsync((core, nowMs) => command(core, state, nowMs), cancellationToken);

    /// <summary>Runs a read on the engine thread and replies as soon as it ran (reads see in-memory state).</summary>
    Task<T> QueryAsync<T>(Func<IEngineView, long, T> query, CancellationToken cancellationToken);
}
