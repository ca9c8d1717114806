using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Time.Testing;
using TradingCore.Contracts.V1;

namespace TradingCore.Client.Tests;

/// <summary>Typed outcomes and exceptions, automatic login, token refresh and re-login, and the ack-lost retry.</summary>
public sealed class ClientErrorTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MalformedOrder_IsInvalidRequest_NamingTheField()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        using var client = LoggedInClient(server);

        var request = new SubmitOrderRequest { AccountId = CoreServer.DemoAccount, Symbol = "EURUSD", Type = OrderType.Buy };
        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => client.SubmitOrderAsync(request, Token));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(error.FieldViolations, violation => violation.Field == "volume");
        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task OtherAccount_IsPermissionDenied_UnknownTicket_IsNotFound()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        using var client = LoggedInClient(server);

        await Assert.ThrowsAsync<PermissionDeniedException>(() => client.GetAccountAsync(2002, Token));
        await Assert.ThrowsAsync<NotFoundException>(() => client.GetOrderAsync(CoreServer.DemoAccount, 999_999, Token));
        var error = await Assert.ThrowsAsync<NotFoundException>(() => client.CancelOrderAsync(CoreServer.DemoAccount, 999_999, Token));

        Assert.Contains("999999", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejection_IsATypedOutcome_AndEnsureSuccessThrows()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        using var client = LoggedInClient(server);
        await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);

        var outcome = await client.SubmitMarketOrderAsync(CoreServer.DemoAccount, "EURUSD", OrderType.Buy, 5000m, cancellationToken: Token);

        Assert.False(outcome.Succeeded);
        Assert.NotEqual(TradeRetcode.Done, outcome.Retcode);
        Assert.False(string.IsNullOrEmpty(outcome.Message));
        var thrown = Assert.Throws<TradeRejectedException>(() => outcome.EnsureSuccess());
        Assert.Same(outcome, thrown.Outcome);
        Assert.Contains(((int)outcome.Retcode).ToString(System.Globalization.CultureInfo.InvariantCulture), thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithAnApiKey_TheClientLogsInByItself_AndAgainWhenTheTokenIsRefused()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        using var client = new TradingCoreClient(server.Channel, Options(server));

        Assert.Null(client.AccessToken);
        Assert.Equal(100_000m, (await client.GetAccountAsync(CoreServer.DemoAccount, Token)).Balance.ToDecimal());
        var first = client.AccessToken;
        Assert.NotNull(first);

        client.AccessToken = "not-a-token";
        Assert.Equal(100_000m, (await client.GetAccountAsync(CoreServer.DemoAccount, Token)).Balance.ToDecimal());
        Assert.NotEqual("not-a-token", client.AccessToken);
    }

    [Fact]
    public async Task ATokenCloseToExpiry_IsRefreshedBeforeTheCall()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = Options(server);
        options.TimeProvider = clock;
        using var client = new TradingCoreClient(server.Channel, options);

        await client.GetAccountAsync(CoreServer.DemoAccount, Token);
        var first = client.Session!;
        await client.GetAccountAsync(CoreServer.DemoAccount, Token);
        Assert.Same(first, client.Session);

        // Half a minute before expiry (inside the one-minute margin): the next call refreshes first.
        clock.SetUtcNow(DateTimeOffset.FromUnixTimeMilliseconds(first.ExpiresAtMs) - TimeSpan.FromSeconds(30));
        await client.GetAccountAsync(CoreServer.DemoAccount, Token);

        Assert.NotEqual(first.Token, client.Session!.Token);
        Assert.Equal(first.KeyId, client.Session.KeyId);
    }

    [Fact]
    public async Task BadApiKey_IsNotAuthenticated()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        var options = Options(server);
        options.ApiKeySecret = "wrong-secret-wrong-secret";
        using var client = new TradingCoreClient(server.Channel, options);

        await Assert.ThrowsAsync<NotAuthenticatedException>(() => client.GetAccountAsync(CoreServer.DemoAccount, Token));
    }

    [Fact]
    public async Task LostAcknowledgement_IsRetriedWithTheSameId_AndYieldsTheOriginalOrder()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        var lossy = new AckLosingHandler(server.CreateHandler(), "/trading.v1.Orders/SubmitOrder");
        using var channel = GrpcChannel.ForAddress(server.BaseAddress, new GrpcChannelOptions { HttpHandler = lossy });
        var options = Options(server);
        options.Retry = new RetryOptions { InitialBackoff = TimeSpan.FromMilliseconds(10) };
        using var client = new TradingCoreClient(channel, options);

        var outcome = await client.SubmitMarketOrderAsync(CoreServer.DemoAccount, "EURUSD", OrderType.Buy, 0.10m, "ack-lost-1", Token);

        Assert.Equal(2, lossy.Attempts);
        Assert.True(outcome.Succeeded);
        Assert.True(outcome.Duplicate);
        var orders = await client.ListOrdersAsync(new ListOrdersRequest { AccountId = CoreServer.DemoAccount, Scope = OrderScope.History }, Token);
        Assert.Single(orders.Orders, order => order.ClientOrderId == "ack-lost-1");
        Assert.Single(await client.ListPositionsAsync(CoreServer.DemoAccount, cancellationToken: Token));
    }

    private static TradingCoreClientOptions Options(CoreServer server) => new() { ApiKeyId = server.TraderKey.KeyId, ApiKeySecret = server.TraderKey.Secret };

    private static TradingCoreClient LoggedInClient(CoreServer server) => new(server.Channel, Options(server));

    /// <summary>Lets the first call of a method reach the server and be decided, then breaks the connection before the answer arrives.</summary>
    private sealed class AckLosingHandler(HttpMessageHandler inner, string path) : DelegatingHandler(inner)
    {
        private int _attempts;

        public int Attempts => Volatile.Read(ref _attempts);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri?.AbsolutePath != path)
            {
                return await base.SendAsync(request, cancellationToken);
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (Interlocked.Increment(ref _attempts) == 1)
            {
                await response.Content.ReadAsByteArrayAsync(cancellationToken);
                response.Dispose();
                throw new HttpRequestException("the connection was reset before the answer arrived");
            }

            return response;
        }
    }
}
