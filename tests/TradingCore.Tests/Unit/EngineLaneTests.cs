using Grpc.Core;
using TradingCore.Engine.Core;
using TradingCore.Engine.Domain;
using TradingCore.Engine.Loop;
using TradingCore.Grpc;
using V1 = TradingCore.Contracts.V1;

namespace TradingCore.Tests.Unit;

/// <summary>
/// The engine's two lanes as services see them (<see cref="ITradingEngine"/>), without a server: a service is
/// built on an engine and called directly, and the query lane's view reads without changing anything.
/// </summary>
public sealed class EngineLaneTests : IAsyncLifetime
{
    private const long AccountId = 7;

    private TradingEngine _engine = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _engine = HedgingEngine.Start(AccountId, new ReleasingOutbox());
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _engine.DisposeAsync();

    [Fact]
    public async Task AccountsService_OnAnEngineWithoutAServer_AnswersFromTheEngine()
    {
        var options = new TradingCore.Configuration.TradingCoreOptions();
        var service = new AccountsService(new EngineRouter(_engine, new TradingCore.Backtesting.BacktestRegistry(Microsoft.Extensions.Options.Options.Create(options))), new TradingCore.Hosting.AccountPlacement(options));

        var reply = await service.GetAccount(new V1.GetAccountRequest { AccountId = AccountId }, new TestCallContext(Token));
        var missing = await Assert.ThrowsAsync<RpcException>(() => service.GetAccount(new V1.GetAccountRequest { AccountId = 8 }, new TestCallContext(Token)));

        Assert.Equal(AccountId, reply.Account.AccountId);
        Assert.Equal("10000", reply.Account.Balance.Units.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task QueryLane_EveryReadOfTheView_LeavesTheEngineAsItWas()
    {
        await _engine.ExecuteAsync((core, now) => core.Submit(new() { AccountId = AccountId, ClientOrderId = "a", Symbol = "EURUSD", Type = OrderType.Buy, Volume = 0.10m }, now), Token);
        var before = await _engine.QueryAsync((view, _) => view.LastSequence, Token);

        var changed = await _engine.QueryAsync(
            (view, now) =>
            {
                _ = view.HasAccount(AccountId);
                _ = view.GetAccount(AccountId, now);
                _ = view.ListAccounts(now);
                _ = view.ListPositions(AccountId, null);
                _ = view.GetPosition(AccountId, 1);
                _ = view.ListOpenOrders(AccountId);
                _ = view.FindOrder(AccountId, 0, "a");
                _ = view.LastTick("EURUSD");
                _ = view.Check(new() { AccountId = AccountId, ClientOrderId = "b", Symbol = "EURUSD", Type = OrderType.Sell, Volume = 0.10m }, now);
                return ((EngineCore)view).HasEvents || view.LastSequence != before;
            },
            Token);

        Assert.False(changed);
        Assert.Null(await _engine.QueryAsync((view, _) => view.FindOrder(AccountId, 0, "b"), Token));
    }

    private sealed class ReleasingOutbox : IEngineOutbox
    {
        public void Enqueue(OutboxEntry entry) => entry.Reply?.Release();
    }
}
