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
internal abstract class EngineCommand<T>(bool durable) : EngineCommand, IDeferredReply
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;
    private CancellationTokenRegistration _caller;

    public Task<T> Task => _completion.Task;

    public override bool IsDurable => durable;

    public override void Run(EngineCore core, long nowMs) => _result = Compute(core, nowMs);

    public override void Abort(Exception error)
    {
        _completion.TrySetException(error);
        ForgetCaller();
    }

    public void Release()
    {
        _completion.TrySetResult(_result!);
        ForgetCaller();
    }

    public void Fail(Exception error)
    {
        _completion.TrySetException(error);
        ForgetCaller();
    }

    /// <summary>
    /// A cancelled caller stops waiting (the task is cancelled) while the queued command still runs and its outcome is
    /// kept (idempotency). Registered on the command itself rather than by <c>Task.WaitAsync</c>, which made a promise
    /// and a continuation per call.
    /// </summary>
    public void WatchCaller(CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            _caller = cancellationToken.UnsafeRegister(static (command, token) => ((EngineCommand<T>)command!)._completion.TrySetCanceled(token), this);
        }
    }

    /// <summary>Drops the watch on the caller's token (a command that was never queued: nothing will complete it).</summary>
    public void ForgetCaller() => _caller.Unregister();

    protected abstract T Compute(EngineCore core, long nowMs);
}
