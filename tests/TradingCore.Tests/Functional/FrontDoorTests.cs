using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TradingCore.Configuration;
using TradingCore.Contracts.V1;
using TradingCore.Hosting;
using TradingCore.Persistence;
using TradingCore.Security;

namespace TradingCore.Tests;

/// <summary>
/// The front door: refused tokens reach every client as a gRPC UNAUTHENTICATED (or an HTTP 401 with a JSON body),
/// rate limits as 429 on HTTP/JSON, cheap constant-time secret checks with failure backoff, ports that each do one
/// job decided by the connection's port, and owner-only files whatever the umask.
/// </summary>
public sealed class FrontDoorTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> RefusedTokens => new()
    {
        { "missing", "access token is required" },
        { "malformed", "malformed" },
        { "expired", "expired" },
        { "wrongly-signed", "signature" },
        { "revoked", "revoked" },
        { "not-bearer", "Bearer" },
    };

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task ARefusedToken_IsAGrpcUnauthenticatedStatus_WithTheReason(string kind, string reason)
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        var header = await AuthorizationAsync(server, kind);
        using var http = new HttpClient(server.CreateHandler()) { BaseAddress = server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/trading.v1.Accounts/GetAccount")
        {
            Version = HttpVersion.Version20,
            Content = new ByteArrayContent([0, 0, 0, 0, 2, 8, 1]) { Headers = { ContentType = new MediaTypeHeaderValue("application/grpc") } },
        };
        if (header is not null)
        {
            request.Headers.TryAddWithoutValidation("authorization", header);
        }

        using var response = await http.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/grpc", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("16", Single(response, "grpc-status"));
        Assert.Contains(reason, Uri.UnescapeDataString(Single(response, "grpc-message")), StringComparison.Ordinal);
        var viaClient = await Assert.ThrowsAsync<RpcException>(() => new Accounts.AccountsClient(header is null ? server.Channel.CreateCallInvoker() : Credentials.WithToken(server.Channel.CreateCallInvoker(), header["Bearer ".Length..]))
            .GetAccountAsync(new GetAccountRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, viaClient.StatusCode);
    }

    [Fact]
    public async Task ARefusedToken_OnHttpJson_Is401WithAJsonBody()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        using var http = server.CreateHttpClient();
        using var expired = new HttpRequestMessage(HttpMethod.Get, "/v1/accounts/1001");
        expired.Headers.TryAddWithoutValidation("authorization", await AuthorizationAsync(server, "expired"));

        using var anonymous = await http.GetAsync("/v1/accounts/1001", Token);
        using var refused = await http.SendAsync(expired, Token);

        var messages = new List<string>();
        foreach (var response in new[] { anonymous, refused })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
            Assert.Equal(16, body.GetProperty("code").GetInt32());
            messages.Add(body.GetProperty("message").GetString()!);
        }

        Assert.Contains("access token is required", messages[0], StringComparison.Ordinal);
        Assert.Contains("expired", messages[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimitedHttpJson_Is429WithRetryAfterAndAJsonBody()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path, settings: new Dictionary<string, string> { ["TradingCore:Auth:AnonymousRequestsPerSecond"] = "2", ["TradingCore:Auth:AnonymousRequestBurst"] = "2" });
        using var http = server.CreateHttpClient();

        HttpResponseMessage? limited = null;
        for (var attempt = 0; attempt < 20 && limited is null; attempt++)
        {
            var response = await http.GetAsync("/v1/symbols", Token);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.NotNull(limited);
        Assert.NotNull(limited.Headers.RetryAfter);
        var body = await limited.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal(8, body.GetProperty("code").GetInt32());
        Assert.Equal("type.googleapis.com/google.rpc.RetryInfo", body.GetProperty("details")[0].GetProperty("@type").GetString());
        limited.Dispose();
    }

    [Fact]
    public async Task FailedLogins_BackOffPerAddress_WithRetryInfo_AndASuccessClearsIt()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path, settings: new Dictionary<string, string> { ["TradingCore:Auth:LoginFailuresPerAddress"] = "3" });
        var auth = new Auth.AuthClient(server.Channel);

        for (var attempt = 0; attempt < 3; attempt++)
        {
            var wrong = await Assert.ThrowsAsync<RpcException>(() => auth.LoginAsync(new LoginRequest { KeyId = server.TraderKey.KeyId, Secret = "not-the-secret-at-all" }, cancellationToken: Token).ResponseAsync);
            Assert.Equal(StatusCode.Unauthenticated, wrong.StatusCode);
        }

        var waiting = await Assert.ThrowsAsync<RpcException>(() => auth.LoginAsync(new LoginRequest { KeyId = server.TraderKey.KeyId, Secret = server.TraderKey.Secret }, cancellationToken: Token).ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, waiting.StatusCode);
        Assert.True(waiting.GetRpcStatus()?.GetDetail<RetryInfo>()?.RetryDelay.ToTimeSpan() > TimeSpan.Zero);

        await Eventually(async () =>
        {
            try
            {
                await auth.LoginAsync(new LoginRequest { KeyId = server.TraderKey.KeyId, Secret = server.TraderKey.Secret }, cancellationToken: Token);
                return true;
            }
            catch (RpcException error) when (error.StatusCode == StatusCode.ResourceExhausted)
            {
                return false;
            }
        });
        var afterSuccess = await Assert.ThrowsAsync<RpcException>(() => auth.LoginAsync(new LoginRequest { KeyId = server.TraderKey.KeyId, Secret = "not-the-secret-at-all" }, cancellationToken: Token).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, afterSuccess.StatusCode);
    }

    [Fact]
    public async Task FailedLogins_AgainstOneKeyId_BackOffThatKey_EvenWhenTheKeyDoesNotExist()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path, settings: new Dictionary<string, string> { ["TradingCore:Auth:LoginFailuresPerAddress"] = "1000", ["TradingCore:Auth:LoginFailuresPerKey"] = "2" });
        var auth = new Auth.AuthClient(server.Channel);

        foreach (var keyId in new[] { server.AdminKey.KeyId, "tck_0000000000000000" })
        {
            for (var attempt = 0; attempt < 2; attempt++)
            {
                await Assert.ThrowsAsync<RpcException>(() => auth.LoginAsync(new LoginRequest { KeyId = keyId, Secret = "wrong-wrong-wrong-wrong" }, cancellationToken: Token).ResponseAsync);
            }

            var waiting = await Assert.ThrowsAsync<RpcException>(() => auth.LoginAsync(new LoginRequest { KeyId = keyId, Secret = "wrong-wrong-wrong-wrong" }, cancellationToken: Token).ResponseAsync);
            Assert.Equal(StatusCode.ResourceExhausted, waiting.StatusCode);
        }

        // Other keys are not affected.
        Assert.NotEmpty((await auth.LoginAsync(new LoginRequest { KeyId = server.TraderKey.KeyId, Secret = server.TraderKey.Secret }, cancellationToken: Token)).AccessToken.Token);
    }

    [Fact]
    public void SecretHashes_AreCheapToVerify_AndOldPbkdf2HashesStillVerifyAndAreUpgradedOnUse()
    {
        using var data = new TempDirectory();
        var options = new TradingCoreOptions { DataDirectory = data.Path };
        var database = new SqliteDatabase(options);
        database.Initialize();
        var secret = SecretHasher.NewSecret();
        using (var context = SqliteDatabase.CreateContext(database.ConnectionString))
        {
            context.ApiKeys.Add(new Persistence.Entities.ApiKeyEntity { KeyId = "tck_0123456789abcdef", Name = "old", Roles = "trader", AccountIds = "1001", SecretHash = SecretHasher.LegacyHash(secret, 1_000) });
            context.SaveChanges();
        }

        var registry = new ApiKeyRegistry(database, TimeProvider.System);
        registry.Load();

        Assert.Null(registry.Authenticate("tck_0123456789abcdef", "wrong"));
        Assert.StartsWith("pbkdf2-sha256$", registry.Get("tck_0123456789abcdef")!.SecretHash, StringComparison.Ordinal);
        Assert.NotNull(registry.Authenticate("tck_0123456789abcdef", secret));
        var reloaded = new ApiKeyRegistry(database, TimeProvider.System);
        reloaded.Load();
        Assert.StartsWith("hmac-sha256$", reloaded.Get("tck_0123456789abcdef")!.SecretHash, StringComparison.Ordinal);
        Assert.NotNull(reloaded.Authenticate("tck_0123456789abcdef", secret));
        Assert.Null(reloaded.Authenticate("tck_0123456789abcdef", secret + "x"));

        var hash = SecretHasher.Hash(secret);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        for (var index = 0; index < 1_000; index++)
        {
            SecretHasher.Verify("wrong-secret", hash);
        }

        // Not a speed target (docs/benchmarks.md has those): a thousand wrong secrets must not cost what one PBKDF2 did.
        Assert.True(System.Diagnostics.Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task EveryRouteOnEveryPort_IsServedOnlyWhereItBelongs_WhateverTheHostHeader()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path, kestrel: true);
        var (grpcPort, jsonPort, metricsPort) = server.Ports!.Value;
        using var http1 = new HttpClient();
        using var http2 = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        var login = new { key_id = server.TraderKey.KeyId, secret = server.TraderKey.Secret };

        async Task<HttpStatusCode> Send(HttpClient client, HttpMethod method, int port, string path, string? host = null, object? json = null)
        {
            using var request = new HttpRequestMessage(method, $"http://127.0.0.1:{port}{path}")
            {
                Content = json is null ? null : JsonContent.Create(json),
                Version = client.DefaultRequestVersion,
                VersionPolicy = client.DefaultVersionPolicy,
            };
            if (host is not null)
            {
                request.Headers.Host = host;
            }

            using var response = await client.SendAsync(request, Token);
            TestContext.Current.TestOutputHelper?.WriteLine($"{method} {port}{path} -> {(int)response.StatusCode} v{response.Version} {await response.Content.ReadAsStringAsync(Token)}");
            return response.StatusCode;
        }

        // The metrics port serves /metrics and nothing else: no JSON API, no login.
        Assert.Equal(HttpStatusCode.OK, await Send(http1, HttpMethod.Get, metricsPort, "/metrics"));
        Assert.Equal(HttpStatusCode.NotFound, await Send(http1, HttpMethod.Post, metricsPort, "/v1/auth/login", json: login));
        Assert.Equal(HttpStatusCode.NotFound, await Send(http1, HttpMethod.Get, metricsPort, "/v1/symbols"));
        Assert.Equal(HttpStatusCode.NotFound, await Send(http1, HttpMethod.Get, metricsPort, "/v1/accounts/1001"));
        Assert.Equal(HttpStatusCode.NotFound, await Send(http1, HttpMethod.Get, metricsPort, "/"));

        // /metrics is not on the API ports, even when the Host header names the metrics port.
        Assert.Equal(HttpStatusCode.NotFound, await Send(http1, HttpMethod.Get, jsonPort, "/metrics"));
        Assert.Equal(HttpStatusCode.NotFound, await Send(http1, HttpMethod.Get, jsonPort, "/metrics", host: $"127.0.0.1:{metricsPort}"));
        Assert.Equal(HttpStatusCode.NotFound, await Send(http2, HttpMethod.Get, grpcPort, "/metrics"));
        Assert.NotEqual(HttpStatusCode.OK, await Send(http2, HttpMethod.Get, grpcPort, "/metrics", host: $"127.0.0.1:{metricsPort}")); // 400: HTTP/2 refuses a Host unlike :authority

        // The API ports serve the API.
        Assert.Equal(HttpStatusCode.OK, await Send(http1, HttpMethod.Post, jsonPort, "/v1/auth/login", json: login));
        Assert.Equal(HttpStatusCode.Unauthorized, await Send(http1, HttpMethod.Get, jsonPort, "/v1/symbols"));
        var health = await new global::Grpc.Health.V1.Health.HealthClient(server.Channel).CheckAsync(new global::Grpc.Health.V1.HealthCheckRequest(), cancellationToken: Token);
        Assert.Equal(global::Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        Assert.NotEmpty((await new Auth.AuthClient(server.Channel).LoginAsync(new LoginRequest { KeyId = server.TraderKey.KeyId, Secret = server.TraderKey.Secret }, cancellationToken: Token)).AccessToken.Token);
    }

    [Fact]
    public async Task DataFiles_AreOwnerOnly_WhateverTheUmask()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var data = new TempDirectory();
        var directory = Path.Combine(data.Path, "created-by-the-server");
        await using (var server = new CoreServer(directory, settings: TestStore.SqliteOnly())) // SQLite's files
        {
            await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
            await server.Orders.SubmitOrderAsync(Wire.Market(OrderType.Buy, 0.1m, "perm-1"), cancellationToken: Token);
            foreach (var file in new[] { "trading.db", "trading.db-wal", "trading.db-shm", SigningKeys.FileName, "bootstrap-credentials.json" })
            {
                var path = Path.Combine(directory, file);
                Assert.True(File.Exists(path), file);
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
    }

    /// <summary>An authorization header of the given kind, or null for none.</summary>
    private static async Task<string?> AuthorizationAsync(CoreServer server, string kind)
    {
        JsonWebTokenHandler handler = new();
        string Token(SigningCredentials credentials, DateTime expires) => handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "trading-core",
            Audience = "trading-core-api",
            IssuedAt = expires.AddHours(-1),
            NotBefore = expires.AddHours(-1),
            Expires = expires,
            SigningCredentials = credentials,
            Claims = new Dictionary<string, object> { ["sub"] = server.TraderKey.KeyId, ["role"] = new[] { "trader" }, ["acct"] = new[] { "1001" } },
        });

        var keys = server.Services.GetRequiredService<SigningKeys>();
        switch (kind)
        {
            case "missing":
                return null;
            case "malformed":
                return "Bearer not-a-token";
            case "not-bearer":
                return "Basic dXNlcjpwYXNz";
            case "expired":
                return "Bearer " + Token(keys.Credentials, DateTime.UtcNow.AddHours(-2));
            case "wrongly-signed":
                var other = new SymmetricSecurityKey(System.Security.Cryptography.RandomNumberGenerator.GetBytes(64)) { KeyId = "other" };
                return "Bearer " + Token(new SigningCredentials(other, SecurityAlgorithms.HmacSha256), DateTime.UtcNow.AddHours(1));
            default:
                var admin = new Admin.AdminClient(await server.InvokerForAsync(server.AdminKey));
                var issued = await admin.IssueApiKeyAsync(new IssueApiKeyRequest { Name = "to-revoke", Roles = { TradingCore.Contracts.V1.Role.Trader }, AccountIds = { CoreServer.DemoAccount } });
                var token = await Credentials.LoginAsync(server.Channel.CreateCallInvoker(), new Credentials.Key(issued.Key.KeyId, issued.Secret));
                await admin.RevokeApiKeyAsync(new RevokeApiKeyRequest { KeyId = issued.Key.KeyId });
                return "Bearer " + token;
        }
    }

    private static string Single(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single()
        : response.TrailingHeaders.TryGetValues(name, out var trailers) ? trailers.Single()
        : throw new Xunit.Sdk.XunitException($"no {name} header");
}
