using Google.Rpc;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TradingCore.Contracts.V1;
using static TradingCore.Testing.Wire;

namespace TradingCore.Tests;

/// <summary>
/// The bound on unary trading calls in flight through the real host: a burst of concurrent orders beyond it gets
/// RESOURCE_EXHAUSTED with a retry delay for the excess, every acknowledged order is stored, none of the refused ones
/// is, and the core goes on serving (an operator's admin call and later orders) as soon as the burst is over.
/// </summary>
public sealed class CallsInFlightTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_burst_beyond_the_bound_is_refused_for_the_excess_and_nothing_acknowledged_is_lost()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path, settings: new Dictionary<string, string>
        {
            ["TradingCore:Engine:MaxCallsInFlight"] = "1",
            ["TradingCore:Auth:RequestsPerSecond"] = "100000",
            ["TradingCore:Auth:RequestBurst"] = "100000",
        });
        await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);

        var calls = Enumerable.Range(0, 200)
            .Select(index => server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.01m, $"burst-{index}"), cancellationToken: Token).ResponseAsync)
            .ToList();
        var acknowledged = new List<SubmitOrderResponse>();
        var refused = new List<RpcException>();
        foreach (var call in calls)
        {
            try
            {
                acknowledged.Add(await call);
            }
            catch (RpcException error)
            {
                refused.Add(error);
            }
        }

        Assert.NotEmpty(acknowledged);
        Assert.NotEmpty(refused);
        Assert.All(refused, error =>
        {
            Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
            Assert.Contains("MaxCallsInFlight", error.Status.Detail, StringComparison.Ordinal);
            Assert.True(error.GetRpcStatus()?.GetDetail<RetryInfo>()?.RetryDelay.ToTimeSpan() > TimeSpan.Zero);
        });
        Assert.All(acknowledged, reply => Assert.Equal(TradeRetcode.Done, reply.Result.Retcode));

        var history = await server.Orders.ListOrdersAsync(new ListOrdersRequest { AccountId = CoreServer.DemoAccount, Scope = OrderScope.History, PageSize = 1000 }, cancellationToken: Token);
        Assert.Equal(
            acknowledged.Select(reply => reply.Order.ClientOrderId).Order(StringComparer.Ordinal),
            history.Orders.Select(order => order.ClientOrderId).Where(id => id.StartsWith("burst-", StringComparison.Ordinal)).Order(StringComparer.Ordinal));

        var admin = new Admin.AdminClient(await server.InvokerForAsync(server.AdminKey));
        Assert.NotEmpty((await admin.ListAccountsAsync(new AdminListAccountsRequest(), cancellationToken: Token)).Accounts);
        var after = await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.01m, "after-the-burst"), cancellationToken: Token);
        Assert.Equal(TradeRetcode.Done, after.Result.Retcode);
    }

    [Fact]
    public async Task Every_http_json_route_of_the_trading_services_is_counted_like_its_grpc_method()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);

        var routes = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.RoutePattern.RawText?.StartsWith("/v1/", StringComparison.Ordinal) == true && endpoint.RoutePattern.RawText is not ("/v1/health" or "/v1/openapi.json"))
            .ToList();

        Assert.NotEmpty(routes);
        Assert.All(routes, route =>
        {
            var method = route.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method;
            Assert.True(method is not null, route.RoutePattern.RawText);
            Assert.StartsWith("trading.v1.", method.ServiceName, StringComparison.Ordinal);
        });
    }
}
