using TradingCore.Engine.Core;
using TradingCore.Engine.Loop;

namespace TradingCore.Hosting;

/// <summary>
/// The services' handle on the engine: the two lanes of the engine <see cref="TradingCoreHost"/> recovered, and
/// <see cref="EngineUnavailableException"/> ("the engine is starting") until it has.
/// </summary>
internal sealed class HostedEngine(TradingCoreHost host) : ITradingEngine
{
    /// <inheritdoc />
    public Task<T> ExecuteAsync<T>(Func<EngineCore, long, T> command, CancellationToken cancellationToken) =>
        host.Engine.ExecuteAsync(command, cancellationToken);

    /// <inheritdoc />
    public Task<T> ExecuteAsync<TState, T>(TState state, Func<EngineCore, TState, long, T> command, CancellationToken cancellationToken) =>
        host.Engine.ExecuteAsync(state, command, cancellationToken);

    /// <inheritdoc />
    public Task<T> QueryAsync<T>(Func<IEngineView, long, T> query, CancellationToken cancellationToken) =>
        host.Engine.QueryAsync(query, cancellationToken);
}
