using Google.Rpc;
using Grpc.Core;
using TradingCore.Contracts.V1;

namespace TradingCore.Tests;

/// <summary>Rate limits, stream limits, message and subscription sizes, undecodable bytes, secrets on disk.</summary>
public sealed class AbuseTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RequestsBeyondTheKeysRate_AreResourceExhaustedWithRetryInfo()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path, settings: new Dictionary<string, string>
        {
            ["TradingCore:Auth:RequestsPerSecond"] = "5",
            ["TradingCore:Auth:RequestBurst"] = "5",
        });
        var accounts = new Accounts.AccountsClient(server.Invoker);

        var statuses = new List<StatusCode>();
        RpcException? limited = null;
        for (var index = 0; index < 20; index++)
        {
            try
            {
                await accounts.GetAccountAsync(new GetAccountRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token);
                statuses.Add(StatusCode.OK);
            }
            catch (RpcException error)
            {
                statuses.Add(error.StatusCode);
                limited ??= error;
            }
        }

        Assert.Contains(StatusCode.OK, statuses);
        Assert.Contains(StatusCode.ResourceExhausted, statuses);
        Assert.All(statuses, status => Assert.True(status is StatusCode.OK or StatusCode.ResourceExhausted, status.ToString()));
        var retry = limited!.GetRpcStatus()?.GetDetail<RetryInfo>();
        Assert.NotNull(retry);
        Assert.True(retry.RetryDelay.ToTimeSpan() > TimeSpan.Zero);
    }

    [Fact]
    public async Task RefusedTokens_AreLimitedPerAddress_BeforeTheirChallenge()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path, settings: new Dictionary<string, string>
        {
            ["TradingCore:Auth:AnonymousRequestsPerSecond"] = "1",
            ["TradingCore:Auth:AnonymousRequestBurst"] = "3",
        });
        var forged = new Accounts.AccountsClient(Credentials.WithToken(server.Channel.CreateCallInvoker(), "not-a-token"));

        var statuses = new List<StatusCode>();
        for (var index = 0; index < 10; index++)
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => forged.GetAccountAsync(new GetAccountRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token).ResponseAsync);
            statuses.Add(error.StatusCode);
        }

        // A bad token has no caller, so it draws on its address's small bucket: a few challenges, then refusals.
        Assert.Equal(StatusCode.Unauthenticated, statuses[0]);
        Assert.InRange(statuses.Count(status => status == StatusCode.Unauthenticated), 1, 5); // the server's own logins drew on it too
        Assert.Equal(StatusCode.ResourceExhausted, statuses[^1]);
        Assert.All(statuses, status => Assert.True(status is StatusCode.Unauthenticated or StatusCode.ResourceExhausted, status.ToString()));
    }

    [Fact]
    public async Task StreamsBeyondTheKeysLimit_AreResourceExhausted()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path, settings: new Dictionary<string, string> { ["TradingCore:Auth:MaxStreamsPerKey"] = "2" });
        using var first = server.MarketData.StreamTicks(new StreamTicksRequest(), cancellationToken: Token);
        using var second = server.MarketData.StreamTicks(new StreamTicksRequest(), cancellationToken: Token);
        await first.ResponseHeadersAsync;
        await second.ResponseHeadersAsync;

        using var third = server.MarketData.StreamTicks(new StreamTicksRequest(), cancellationToken: Token);
        var error = await Assert.ThrowsAsync<RpcException>(() => third.ResponseStream.MoveNext(Token));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task TooManySymbolsInOneSubscription_IsInvalidArgument()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        var request = new StreamTicksRequest();
        request.Symbols.AddRange(Enumerable.Repeat("EURUSD", 101));
        using var call = server.MarketData.StreamTicks(request, cancellationToken: Token);

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(Token));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    [Fact]
    public async Task OversizedMessage_IsResourceExhausted()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);

        var error = await Assert.ThrowsAsync<RpcException>(() => server.Orders.SubmitOrderAsync(new SubmitOrderRequest { AccountId = 1001, Comment = new string('x', 2 * 1024 * 1024) }, cancellationToken: Token).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task UndecodableBytes_AreInvalidArgument()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        var raw = Marshallers.Create<byte[]>(bytes => bytes, bytes => bytes);
        var method = new Method<byte[], byte[]>(MethodType.Unary, "trading.v1.Accounts", "GetAccount", raw, raw);

        var error = await Assert.ThrowsAsync<RpcException>(() => server.Invoker.AsyncUnaryCall(method, null, new CallOptions(cancellationToken: Token), [0x0a, 0xff, 0xff, 0xff]).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.DoesNotContain("Exception", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecretsOnDisk_AreReadableByTheOwnerOnly()
    {
        using var data = new TempDirectory();
        await using (new CoreServer(data.Path))
        {
        }

        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        foreach (var file in new[] { "bootstrap-credentials.json", "jwt-signing.key" })
        {
#pragma warning disable CA1416 // guarded by the skip above
            var mode = File.GetUnixFileMode(Path.Combine(data.Path, file));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
#pragma warning restore CA1416
        }
    }
}
