using Google.Rpc;
using Grpc.Core;
using TradingCore.Contracts.V1;
using static TradingCore.Testing.Wire;

namespace TradingCore.Tests;

/// <summary>Malformed requests are INVALID_ARGUMENT with field violations; missing things NOT_FOUND; reused ids ALREADY_EXISTS.</summary>
public sealed class ErrorLaneTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<BadRequest> InvalidArgument(Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var badRequest = error.GetRpcStatus()?.GetDetail<BadRequest>();
        Assert.NotNull(badRequest);
        return badRequest;
    }

    [Fact]
    public async Task Submit_MalformedFields_AreNamedInFieldViolations()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);

        var badRequest = await InvalidArgument(() => server.Orders.SubmitOrderAsync(new SubmitOrderRequest
        {
            AccountId = CoreServer.DemoAccount,
            ClientOrderId = "bad id with spaces",
            Type = (OrderType)42,
            Volume = new Contracts.V1.Decimal { Units = -1 },
            Comment = new string('x', 65),
        }, cancellationToken: Token).ResponseAsync);

        var fields = badRequest.FieldViolations.Select(violation => violation.Field).ToHashSet();
        Assert.Superset(new HashSet<string> { "client_order_id", "symbol", "type", "volume", "comment" }, fields);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, -5)]
    [InlineData(0, 1_000_000_000)]
    public async Task Submit_MalformedDecimal_IsInvalidArgument(long units, int nanos)
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        var request = Market(OrderType.Buy, 0.1m, "d");
        request.Volume = new Contracts.V1.Decimal { Units = units, Nanos = nanos };

        var badRequest = await InvalidArgument(() => server.Orders.SubmitOrderAsync(request, cancellationToken: Token).ResponseAsync);

        Assert.Contains(badRequest.FieldViolations, violation => violation.Field == "volume");
    }

    [Fact]
    public async Task Submit_PendingWithoutPrice_IsInvalidArgument()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);

        var badRequest = await InvalidArgument(() => server.Orders.SubmitOrderAsync(new SubmitOrderRequest
        {
            AccountId = CoreServer.DemoAccount, ClientOrderId = "p", Symbol = "EURUSD", Type = OrderType.BuyStopLimit, Volume = D(0.1m),
        }, cancellationToken: Token).ResponseAsync);

        Assert.Contains(badRequest.FieldViolations, violation => violation.Field == "price");
        Assert.Contains(badRequest.FieldViolations, violation => violation.Field == "stop_limit_price");
    }

    [Fact]
    public async Task AccountNotBoundToTheKey_IsPermissionDenied_AndUnknownAccountForAdmin_IsNotFound()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        var admin = new Accounts.AccountsClient(await server.InvokerForAsync(server.AdminKey));

        var error = await Assert.ThrowsAsync<RpcException>(() => server.Accounts.GetAccountAsync(new GetAccountRequest { AccountId = 777 }, cancellationToken: Token).ResponseAsync);
        var submit = await Assert.ThrowsAsync<RpcException>(() => server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.1m, "x", account: 777), cancellationToken: Token).ResponseAsync);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => admin.GetAccountAsync(new GetAccountRequest { AccountId = 777 }, cancellationToken: Token).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, submit.StatusCode);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task ReusedClientOrderId_WithOtherParameters_IsAlreadyExists()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.1m, "same"), cancellationToken: Token);

        var error = await Assert.ThrowsAsync<RpcException>(() => server.Orders.SubmitOrderAsync(Market(OrderType.Sell, 0.1m, "same"), cancellationToken: Token).ResponseAsync);

        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
    }

    [Fact]
    public async Task UnknownPosition_IsNotFound()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);

        var error = await Assert.ThrowsAsync<RpcException>(() => server.Positions.GetPositionAsync(new GetPositionRequest { AccountId = CoreServer.DemoAccount, PositionTicket = 5 }, cancellationToken: Token).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }
}
