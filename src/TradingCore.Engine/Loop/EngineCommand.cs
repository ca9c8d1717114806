using TradingCore.Engine.Core;

namespace TradingCore.Engine.Loop;

/// <summary>A unit of work for the engine thread with a reply for the caller.</summary>
internal abstract class EngineCommand
{
    /// <summary>True when the reply must wait until the command's events are durable.</summary>
    public abstract bool IsDurable { get; }

    public abstract void Run(EngineCore core, long nowMs);

    public abstract void Abort(Exception error);
}

/// <summary>
/// A command computing <typeparamref name="T"/> on the engine thread. Its task completes on the thread pool
/// (RunContinuationsAsynchronously), never inline on the engine or persistence thread.
/// </summary>
internal sealed class EngineCommand<T>(Func<EngineCore, long, T> action, bool durable) : EngineCommand, IDeferredReply
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;

    public Task<T> Task => _completion.Task;

    public override bool IsDurable => durable;

    public override void Run(EngineCore core, long nowMs) => _result = action(core, nowMs);

    public override void Abort(Exception error) => _completion.TrySetException(error);

    public void Release() => _completion.TrySetResult(_result!);

    public void Fail(Exception error) => _completion.TrySetException(error);
}
