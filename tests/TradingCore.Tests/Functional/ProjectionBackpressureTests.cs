using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using TradingCore.Contracts.V1;
using TradingCore.Persistence;
using static TradingCore.Testing.Wire;

namespace TradingCore.Tests;

/// <summary>
/// TradingCore:Persistence:MaxProjectionLag: when the queryable tables fall that many events behind the journal, the
/// journal writer waits for them, so further orders wait instead of piling up in memory; once the projection
/// catches up they are acknowledged and every one is in the history. Here the projection is stopped by another
/// connection holding the store's write lock on the tables (SQLite: trading.db; PostgreSQL: the orders table); the
/// journal itself is not blocked.
/// </summary>
public sealed class ProjectionBackpressureTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Dictionary<string, string> Bound(int events) => new() { ["TradingCore:Persistence:MaxProjectionLag"] = events.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    [Fact]
    public async Task WhenTheProjectionStops_OrdersWaitAtTheBound_AndAllAreAcknowledgedAndStoredOnceItCatchesUp()
    {
        using var data = new TempDirectory();
        await using var server = await QuotedServerAsync(data.Path, bound: 10);
        await SubmitAsync(server, "before");
        var writer = server.Services.GetRequiredService<JournalWriter>();

        await using var blocker = await ProjectionBlocker.StartAsync(data.Path);
        var (acknowledged, held) = await SubmitUntilHeldAsync(server, maxOrders: 20);
        Assert.NotNull(held); // with no bound all 20 would be acknowledged (the next test)
        Assert.InRange(acknowledged.Count, 1, 10); // a market order is at least two events: past 10 events, 6 orders at most
        Assert.True(writer.ProjectionLag > 10, $"lag {writer.ProjectionLag}");
        Assert.True(writer.ProjectionHolds >= 1);

        // Other calls are still answered while orders wait: the engine is not blocked (one netted position).
        var positions = await server.Positions.ListPositionsAsync(new ListPositionsRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token);
        Assert.Single(positions.Positions);

        await blocker.DisposeAsync();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Token);
        limit.CancelAfter(TimeSpan.FromSeconds(30));
        Assert.Equal(TradeRetcode.Done, (await held.Value.Call.WaitAsync(limit.Token)).Result.Retcode);

        // The flow goes on after the hold, and the history holds every order.
        await SubmitAsync(server, "after");
        var history = await server.Orders.ListOrdersAsync(new ListOrdersRequest { AccountId = CoreServer.DemoAccount, Scope = OrderScope.History, PageSize = 100 }, cancellationToken: limit.Token);
        string[] expected = ["before", .. acknowledged, held.Value.ClientOrderId, "after"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), history.Orders.Select(order => order.ClientOrderId).Order(StringComparer.Ordinal));
        Assert.True(writer.ProjectionLag <= 10, $"lag {writer.ProjectionLag}");
    }

    [Fact]
    public async Task WithNoBound_OrdersAreAcknowledgedWhileTheProjectionIsStopped()
    {
        using var data = new TempDirectory();
        await using var server = await QuotedServerAsync(data.Path, bound: 0);
        await SubmitAsync(server, "before");

        await using var blocker = await ProjectionBlocker.StartAsync(data.Path);
        var (acknowledged, held) = await SubmitUntilHeldAsync(server, maxOrders: 20);
        Assert.Null(held);
        Assert.Equal(20, acknowledged.Count);
        await blocker.DisposeAsync();

        var history = await server.Orders.ListOrdersAsync(new ListOrdersRequest { AccountId = CoreServer.DemoAccount, Scope = OrderScope.History, PageSize = 100 }, cancellationToken: Token);
        Assert.Equal(21, history.Orders.Count);
    }

    [Fact]
    public async Task AServerStoppedWhileHeld_StopsAndKeepsEveryAcknowledgedOrder()
    {
        using var data = new TempDirectory();
        List<string> acknowledged;
        var server = await QuotedServerAsync(data.Path, bound: 10);
        try
        {
            await using var blocker = await ProjectionBlocker.StartAsync(data.Path);
            (acknowledged, var held) = await SubmitUntilHeldAsync(server, maxOrders: 20);
            Assert.NotNull(held);

            // The writer stops holding at shutdown and commits what waits; the projector's last pass needs the lock.
            var stopping = server.DisposeAsync().AsTask();
            await Task.Delay(500, Token);
            await blocker.DisposeAsync();
            await stopping.WaitAsync(TimeSpan.FromSeconds(60), Token);
            if (held.Value.Call.IsCompletedSuccessfully)
            {
                acknowledged.Add(held.Value.ClientOrderId);
            }
        }
        finally
        {
            await server.DisposeAsync();
        }

        await using var restarted = new CoreServer(data.Path, settings: Bound(10));
        foreach (var clientOrderId in acknowledged)
        {
            var stored = await restarted.Orders.GetOrderAsync(new GetOrderRequest { AccountId = CoreServer.DemoAccount, ClientOrderId = clientOrderId }, cancellationToken: Token);
            Assert.Equal(OrderState.Filled, stored.Order.State);
        }
    }

    /// <summary>A server on <paramref name="dataPath"/> with the lag bound <paramref name="bound"/> and a EURUSD quote.</summary>
    private static async Task<CoreServer> QuotedServerAsync(string dataPath, int bound)
    {
        var server = new CoreServer(dataPath, settings: Bound(bound));
        await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        return server;
    }

    private static async Task SubmitAsync(CoreServer server, string clientOrderId) =>
        Assert.Equal(TradeRetcode.Done, (await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.01m, clientOrderId), cancellationToken: Token)).Result.Retcode);

    /// <summary>Submits orders one after another until one is not acknowledged within 3 s (held) or <paramref name="maxOrders"/> were.</summary>
    private static async Task<(List<string> Acknowledged, (string ClientOrderId, Task<SubmitOrderResponse> Call)? Held)> SubmitUntilHeldAsync(CoreServer server, int maxOrders)
    {
        var acknowledged = new List<string>();
        for (var index = 0; index < maxOrders; index++)
        {
            var clientOrderId = $"while-stopped-{index}";
            var call = server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.01m, clientOrderId), cancellationToken: Token).ResponseAsync;
            var first = await Task.WhenAny(call, Task.Delay(TimeSpan.FromSeconds(3), Token));
            if (first != call)
            {
                return (acknowledged, (clientOrderId, call));
            }

            Assert.Equal(TradeRetcode.Done, (await call).Result.Retcode);
            acknowledged.Add(clientOrderId);
        }

        return (acknowledged, null);
    }

    /// <summary>Another connection holding the write lock of the tables the projector writes (not the journal's).</summary>
    private sealed class ProjectionBlocker : IAsyncDisposable
    {
        private readonly DbConnection _connection;
        private readonly DbTransaction _transaction;
        private bool _released;

        private ProjectionBlocker(DbConnection connection, DbTransaction transaction) => (_connection, _transaction) = (connection, transaction);

        public static async Task<ProjectionBlocker> StartAsync(string dataDirectory)
        {
            DbConnection connection = TestStore.Postgres
                ? new Npgsql.NpgsqlConnection(TestStore.Settings(dataDirectory)["TradingCore:Persistence:ConnectionString"])
                : new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(dataDirectory, "trading.db")};Pooling=False");
            await connection.OpenAsync(Token);
            var transaction = await connection.BeginTransactionAsync(Token);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;

            // SQLite: a write in the transaction takes trading.db's write lock until it ends (readers go on, WAL).
            command.CommandText = TestStore.Postgres ? "LOCK TABLE \"orders\" IN EXCLUSIVE MODE" : "DELETE FROM \"orders\" WHERE 0";
            await command.ExecuteNonQueryAsync(Token);
            return new ProjectionBlocker(connection, transaction);
        }

        public async ValueTask DisposeAsync()
        {
            if (_released)
            {
                return;
            }

            _released = true;
            await _transaction.RollbackAsync(CancellationToken.None);
            await _transaction.DisposeAsync();
            await _connection.DisposeAsync();
        }
    }
}
