using System.Net.Http.Json;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using TradingCore.Contracts.V1;
using static TradingCore.Testing.Wire;

namespace TradingCore.Tests;

/// <summary>The real server process on a free loopback port: serve, trade, stop with SIGTERM, restart with state.</summary>
public sealed class EndToEndTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StartedFromAnotherDirectory_TheShippedSettingsStillApply()
    {
        using var data = new TempDirectory();
        await using var server = ServerProcess.StartFrom(workingDirectory: data.Path, dataDirectory: data.Path);
        using var channel = GrpcChannel.ForAddress(server.Address);
        await WaitUntilServing(channel, server);
        var trader = await ServerProcess.TraderAsync(channel, data.Path);

        for (var call = 0; call < 5; call++)
        {
            await new Accounts.AccountsClient(trader).GetAccountAsync(new GetAccountRequest { AccountId = 1001 }, cancellationToken: Token);
        }

        await server.StopGracefullyAsync(TimeSpan.FromSeconds(30));

        // The shipped appsettings.json keeps ASP.NET Core's per-request lines at Warning: without it, every call logs two.
        Assert.Contains("Trading Core listening", server.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Request starting", server.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(data.Path, "appsettings.json")));
    }

    [Fact]
    public async Task RealProcess_TradesShutsDownGracefullyAndRestartsWithItsState()
    {
        using var data = new TempDirectory();
        ulong positionTicket;
        await using (var server = ServerProcess.StartWithAllPorts(data.Path))
        {
            using var channel = GrpcChannel.ForAddress(server.Address);
            await WaitUntilServing(channel, server);
            var trader = await ServerProcess.TraderAsync(channel, data.Path);
            var marketData = new MarketData.MarketDataClient(trader);
            await Eventually(async () => (await marketData.GetLastTicksAsync(new GetLastTicksRequest { Symbols = { "EURUSD" } }, cancellationToken: Token)).Ticks.Count == 1);

            var reply = await new Orders.OrdersClient(trader).SubmitOrderAsync(Market(OrderType.Buy, 0.10m, "e2e-1"), cancellationToken: Token);
            Assert.Equal(TradeRetcode.Done, reply.Result.Retcode);
            positionTicket = reply.Result.PositionTicket;

            // The same position over HTTP/1.1 JSON on the transcoding port (what curl sees).
            using var http = new HttpClient { BaseAddress = server.HttpAddress, DefaultRequestVersion = System.Net.HttpVersion.Version11 };
            var traderKey = Credentials.ReadBootstrap(data.Path).Trader;
            using var login = await http.PostAsJsonAsync("/v1/auth/login", new { key_id = traderKey.KeyId, secret = traderKey.Secret }, Token);
            login.EnsureSuccessStatusCode();
            var token = (await login.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Token)).GetProperty("accessToken").GetProperty("token").GetString();
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            var listed = await http.GetFromJsonAsync<System.Text.Json.JsonElement>("/v1/accounts/1001/positions", Token);
            Assert.Equal(positionTicket.ToString(System.Globalization.CultureInfo.InvariantCulture), listed.GetProperty("positions")[0].GetProperty("ticket").GetString()); // 64-bit: a JSON string

            // Prometheus scrapes its own port without a token.
            var scraped = await new HttpClient().GetStringAsync(server.MetricsAddress, Token);
            Assert.Contains("tradingcore_orders_total{", scraped, StringComparison.Ordinal);
            Assert.Contains("tradingcore_journal_commit_duration_seconds_bucket{", scraped, StringComparison.Ordinal);

            await server.StopGracefullyAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(0, server.ExitCode);
            Assert.Contains("journal flushed", server.Output, StringComparison.Ordinal);

            // The first start says once where the keys are and what to try.
            Assert.Contains($"First run, try it: dotnet run --project src/Clients/Tcctl -- login --bootstrap {Path.Combine(data.Path, "bootstrap-credentials.json")}", server.Output, StringComparison.Ordinal);
            Assert.Contains("grpcurl -plaintext 127.0.0.1:", server.Output, StringComparison.Ordinal);
        }

        await using (var restarted = ServerProcess.Start(data.Path))
        {
            using var channel = GrpcChannel.ForAddress(restarted.Address);
            await WaitUntilServing(channel, restarted);
            var positions = await new Positions.PositionsClient(await ServerProcess.TraderAsync(channel, data.Path)).ListPositionsAsync(new ListPositionsRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token);
            Assert.Equal(positionTicket, Assert.Single(positions.Positions).Ticket);
            Assert.Contains($"data directory {data.Path}", restarted.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("First run", restarted.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RealProcess_OverTls_ServesGrpcAndJsonOnOnePort()
    {
        using var data = new TempDirectory();
        using var certificate = SelfSigned(out var certificatePem, out var keyPem);
        File.WriteAllText(Path.Combine(data.Path, "tls.pem"), certificatePem);
        File.WriteAllText(Path.Combine(data.Path, "tls.key"), keyPem);
        await using var server = ServerProcess.StartTls(data.Path, Path.Combine(data.Path, "tls.pem"), Path.Combine(data.Path, "tls.key"));
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint };
        using var channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = false });

        await WaitUntilServing(channel, server);
        var trader = await ServerProcess.TraderAsync(channel, data.Path);
        var account = await new Accounts.AccountsClient(trader).GetAccountAsync(new GetAccountRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token);
        using var json = new HttpClient(handler, disposeHandler: false) { DefaultRequestVersion = System.Net.HttpVersion.Version11, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using var anonymous = await json.GetAsync(new Uri(new Uri(server.Address), "/v1/symbols"), Token);

        Assert.StartsWith("https://", server.Address, StringComparison.Ordinal);
        Assert.Equal(100_000m, account.Account.Balance.ToDecimal());
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(new Version(1, 1), anonymous.Version);
    }

    private static System.Security.Cryptography.X509Certificates.X509Certificate2 SelfSigned(out string certificatePem, out string keyPem)
    {
        using var key = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=127.0.0.1", key, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        var names = new System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        certificatePem = certificate.ExportCertificatePem();
        keyPem = key.ExportPkcs8PrivateKeyPem();
        return certificate;
    }

    internal static async Task WaitUntilServing(GrpcChannel channel, ServerProcess server)
    {
        var health = new Health.HealthClient(channel);
        await Eventually(async () =>
        {
            Assert.False(server.HasExited, "the server exited early:\n" + server.Output);
            try
            {
                return (await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(2), cancellationToken: Token)).Status
                    == HealthCheckResponse.Types.ServingStatus.Serving;
            }
            catch (RpcException)
            {
                return false;
            }
        }, seconds: 60);
    }
}
