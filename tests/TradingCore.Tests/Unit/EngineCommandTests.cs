using System.Collections.Concurrent;
using TradingCore.Engine.Commands;
using TradingCore.Engine.Core;
using TradingCore.Engine.Domain;
using TradingCore.Engine.Loop;

namespace TradingCore.Tests.Unit;

/// <summary>
/// A command's reply as its caller sees it: a command with its input passed along (the order path) runs like a
/// closure, and a caller that cancels stops waiting at once while the queued command still runs and its outcome is
/// kept, as before the reply watched the caller's token itself.
/// </summary>
public sealed class EngineCommandTests : IAsyncLifetime
{
    private const long AccountId = 7;

    private readonly HeldOutbox _outbox = new();
    private TradingEngine _engine = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _engine = HedgingEngine.Start(AccountId, _outbox);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _outbox.ReleaseAll();
        await _engine.DisposeAsync();
    }

    [Fact]
    public async Task ACommandWithItsState_RunsWithThatState_AndRepliesOnceReleased()
    {
        var reply = _engine.ExecuteAsync(Buy("a"), static (core, order, now) => core.Submit(order, now), Token);
        await _outbox.WaitForAsync(1);
        Assert.False(reply.IsCompleted); // a durable command's reply waits for its release

        _outbox.ReleaseAll();
        var outcome = await reply;

        Assert.Equal(OutcomeKind.Decided, outcome.Kind);
        Assert.NotNull(await _engine.QueryAsync((view, _) => view.FindOrder(AccountId, 0, "a"), Token));
    }

    [Fact]
    public async Task TheInterfacesDefault_ForAnEngineWithoutItsOwn_RunsTheCommandWithItsState()
    {
        ITradingEngine closures = new ClosuresOnly(_engine);
        var reply = closures.ExecuteAsync(Buy("b"), static (core, order, now) => core.Submit(order, now), Token);
        await _outbox.WaitForAsync(1);
        _outbox.ReleaseAll();

        Assert.Equal(OutcomeKind.Decided, (await reply).Kind);
        Assert.NotNull(await _engine.QueryAsync((view, _) => view.FindOrder(AccountId, 0, "b"), Token));
    }

    [Fact]
    public async Task ACancelledCaller_StopsWaitingAtOnce_TheCommandStillRuns_AndItsOutcomeIsKept()
    {
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var reply = _engine.ExecuteAsync(Buy("c"), static (core, order, now) => core.Submit(order, now), caller.Token);
        await _outbox.WaitForAsync(1); // decided; its reply held as if the journal were slow

        await caller.CancelAsync();
        var cancelled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reply.WaitAsync(TimeSpan.FromSeconds(30), Token));
        Assert.Equal(caller.Token, cancelled.CancellationToken);

        _outbox.ReleaseAll(); // the release after the caller left changes nothing and throws nothing
        Assert.NotNull(await _engine.QueryAsync((view, _) => view.FindOrder(AccountId, 0, "c"), Token));

        // The same client order id again: the kept outcome answers (a duplicate), not a second order.
        var again = _engine.ExecuteAsync(Buy("c"), static (core, order, now) => core.Submit(order, now), Token);
        await _outbox.WaitForAsync(1);
        _outbox.ReleaseAll();
        Assert.Equal(1, await _engine.QueryAsync((view, _) => view.ListOpenOrders(AccountId)!.Count + view.ListPositions(AccountId, null)!.Count, Token));
        Assert.NotEqual(OutcomeKind.RecallNeeded, (await again).Kind);
    }

    [Fact]
    public async Task ACallerCancelledBeforeItsCommandRan_StillGetsTheCommandRun()
    {
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(Token);
        await caller.CancelAsync();

        var reply = _engine.ExecuteAsync(Buy("d"), static (core, order, now) => core.Submit(order, now), caller.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reply.WaitAsync(TimeSpan.FromSeconds(30), Token));
        await _outbox.WaitForAsync(1); // queued all the same: once accepted, a command runs
        _outbox.ReleaseAll();
        Assert.NotNull(await _engine.QueryAsync((view, _) => view.FindOrder(AccountId, 0, "d"), Token));
    }

    private static OrderRequest Buy(string clientOrderId) =>
        new() { AccountId = AccountId, ClientOrderId = clientOrderId, Symbol = "EURUSD", Type = OrderType.Buy, Volume = 0.10m };

    /// <summary>Holds every durable command's reply until the test releases it, as a journal that has not committed yet.</summary>
    private sealed class HeldOutbox : IEngineOutbox
    {
        private readonly ConcurrentQueue<IDeferredReply> _held = new();

        public void Enqueue(OutboxEntry entry)
        {
            if (entry.Reply is { } reply)
            {
                _held.Enqueue(reply);
            }
        }

        public async Task WaitForAsync(int count)
        {
            while (_held.Count < count)
            {
                await Task.Delay(5, Token);
            }
        }

        public void ReleaseAll()
        {
            while (_held.TryDequeue(out var reply))
            {
                reply.Release();
            }
        }
    }

    /// <summary>An engine that implements only the closure overload, so the interface's default serves the other.</summary>
    private sealed class ClosuresOnly(ITradingEngine inner) : ITradingEngine
    {
        public Task<T> ExecuteAsync<T>(Func<EngineCore, long, T> command, CancellationToken cancellationToken) =>
            inner.ExecuteAsync(command, cancellationToken);

        public Task<T> QueryAsync<T>(Func<IEngineView, long, T> query, CancellationToken cancellationToken) =>
            inner.QueryAsync(query, cancellationToken);
    }
}
