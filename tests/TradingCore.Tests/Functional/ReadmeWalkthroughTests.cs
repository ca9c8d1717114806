using System.Text.RegularExpressions;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using TradingCore.Contracts.V1;

namespace TradingCore.Tests;

/// <summary>
/// Every grpcurl command of the README, as written: the services and types it names exist, each JSON request
/// parses into its request message, and sending it to a real server gives what the README says.
/// grpcurl itself is not installed on the build machine, so the calls go through a generic gRPC invoker.
/// </summary>
public sealed partial class ReadmeWalkthroughTests
{
    private static readonly FileDescriptor[] Files =
    [
        TypesReflection.Descriptor, MarketDataReflection.Descriptor, OrdersReflection.Descriptor,
        PositionsReflection.Descriptor, AccountsReflection.Descriptor, AuthReflection.Descriptor, AdminReflection.Descriptor,
        global::Grpc.Health.V1.HealthReflection.Descriptor,
    ];

    private static readonly Marshaller<byte[]> Raw = Marshallers.Create(bytes => bytes, bytes => bytes);

    [GeneratedRegex(@"^grpcurl -plaintext (?<auth>-H ""\$AUTH"" )?(?:-d '(?<json>[^']*)' )?127\.0\.0\.1:50051(?: (?<verb>list|describe)(?: (?<symbol>\S+))?| (?<method>\S+))?$")]
    private static partial Regex Command();

    [GeneratedRegex(@"^(?<name>KEY_ID|SECRET)=\$\(sed -n 's/(?<pattern>.*)/\\1/p' \$CREDS\)$")]
    private static partial Regex CredentialLine();

    [GeneratedRegex(@"^TOKEN=\$\(grpcurl -plaintext -d ""(?<json>.*)"" 127\.0\.0\.1:50051 trading\.v1\.Auth/Login \| sed -n 's/(?<pattern>.*)/\\1/p'\)$")]
    private static partial Regex LoginLine();

    [GeneratedRegex(@"^TOKEN=\$\(curl -s -H 'content-type: application/json' -d ""(?<json>.*)"" http://127\.0\.0\.1:50052(?<path>/\S+) \| sed -n 's/(?<pattern>.*)/\\1/p'\)$")]
    private static partial Regex CurlLoginLine();

    [GeneratedRegex(@"^curl -s -H ""authorization: Bearer \$TOKEN"" http://127\.0\.0\.1:50052(?<path>/\S+)$")]
    private static partial Regex CurlGetLine();

    private static string[] ReadmeLines() => File.ReadAllLines(FindUp("README.md"));

    /// <summary>A sed basic regular expression as .NET understands it (\( \) are groups).</summary>
    private static Regex Sed(string pattern) => new(pattern.Replace(@"\(", "(", StringComparison.Ordinal).Replace(@"\)", ")", StringComparison.Ordinal));

    private static string SedFirst(string pattern, string text) =>
        text.Split('\n').Select(line => Sed(pattern).Match(line)).First(match => match.Success).Groups[1].Value;

    /// <summary>The README's login lines, run as the shell would: returns the access token they produce.</summary>
    private static async Task<string> LoginAsTheReadmeDoes(CoreServer server, string dataDirectory)
    {
        var lines = ReadmeLines();
        Assert.Contains("CREDS=src/TradingCore/data/bootstrap-credentials.json", lines);
        var credentials = File.ReadAllText(Path.Combine(dataDirectory, "bootstrap-credentials.json"));
        var variables = new Dictionary<string, string>();
        foreach (var match in lines.Select(line => CredentialLine().Match(line)).Where(match => match.Success))
        {
            variables[match.Groups["name"].Value] = SedFirst(match.Groups["pattern"].Value, credentials);
        }

        Assert.Equal(server.TraderKey.KeyId, variables["KEY_ID"]);
        Assert.Equal(server.TraderKey.Secret, variables["SECRET"]);
        var login = lines.Select(line => LoginLine().Match(line)).Single(match => match.Success);
        var json = login.Groups["json"].Value.Replace("\\\"", "\"", StringComparison.Ordinal)
            .Replace("$KEY_ID", variables["KEY_ID"], StringComparison.Ordinal)
            .Replace("$SECRET", variables["SECRET"], StringComparison.Ordinal);
        var reply = await new Auth.AuthClient(server.Channel).LoginAsync(LoginRequest.Parser.ParseJson(json));
        Assert.Contains("AUTH=\"authorization: Bearer $TOKEN\"", lines);
        return SedFirst(login.Groups["pattern"].Value, JsonFormatter.Default.Format(reply));
    }

    private static List<Match> Commands()
    {
        return [.. ReadmeLines().Where(line => line.StartsWith("grpcurl -", StringComparison.Ordinal)).Select(line =>
        {
            var match = Command().Match(line);
            Assert.True(match.Success, $"README line not understood: {line}");
            return match;
        })];
    }

    [Fact]
    public void Readme_NamesOnlyServicesAndTypesThatExist()
    {
        foreach (var command in Commands().Where(command => command.Groups["symbol"].Success))
        {
            var symbol = command.Groups["symbol"].Value;
            Assert.True(
                Files.Any(file => file.Services.Any(service => service.FullName == symbol) || file.MessageTypes.Any(message => message.FullName == symbol)),
                $"{symbol} is not in the contract");
        }
    }

    [Fact]
    public async Task Readme_EveryCallWorksAsWritten()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        await server.QuoteAsync("XAUUSD", 2000.00m, 2000.50m);
        var token = await LoginAsTheReadmeDoes(server, data.Path);
        var calls = Commands().Where(command => command.Groups["method"].Success).ToList();
        Assert.True(calls.Count >= 10);

        foreach (var command in calls)
        {
            var path = command.Groups["method"].Value;
            var method = FindMethod(path);
            var json = command.Groups["json"].Success ? command.Groups["json"].Value : "{}";
            var request = method.InputType.Parser.ParseJson(json);
            var grpcMethod = new Method<byte[], byte[]>(method.IsServerStreaming ? MethodType.ServerStreaming : MethodType.Unary, method.Service.FullName, method.Name, Raw, Raw);
            var options = new CallOptions(deadline: DateTime.UtcNow.AddSeconds(15), cancellationToken: TestContext.Current.CancellationToken);
            var invoker = command.Groups["auth"].Success ? Credentials.WithToken(server.Channel.CreateCallInvoker(), token) : server.Channel.CreateCallInvoker();
            if (json.Contains("\"client_order_id\":\"bad\"", StringComparison.Ordinal))
            {
                var error = await Assert.ThrowsAsync<RpcException>(() => invoker.AsyncUnaryCall(grpcMethod, null, options, request.ToByteArray()).ResponseAsync);
                Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
                Assert.Contains("volume", error.Status.Detail, StringComparison.Ordinal);
                await AssertDetailsResolveThroughReflectionAsync(server, error);
                continue;
            }

            if (json.Contains("\"account_id\":2002", StringComparison.Ordinal))
            {
                var error = await Assert.ThrowsAsync<RpcException>(() => invoker.AsyncUnaryCall(grpcMethod, null, options, request.ToByteArray()).ResponseAsync);
                Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
                continue;
            }

            IMessage response;
            if (method.IsServerStreaming)
            {
                using var call = invoker.AsyncServerStreamingCall(grpcMethod, null, options, request.ToByteArray());
                Assert.True(await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken), $"{path} sent nothing");
                response = method.OutputType.Parser.ParseFrom(call.ResponseStream.Current);
            }
            else
            {
                response = method.OutputType.Parser.ParseFrom(await invoker.AsyncUnaryCall(grpcMethod, null, options, request.ToByteArray()).ResponseAsync);
            }

            if (response is SubmitOrderResponse submit)
            {
                Assert.Equal(TradeRetcode.Done, submit.Result.Retcode);
            }
        }

        var positions = await server.Positions.ListPositionsAsync(new ListPositionsRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(0.10m, Assert.Single(positions.Positions).Volume.ToDecimal());
    }

    [Fact]
    public async Task Readme_CurlLines_LogInAndReadPositionsOverHttpJson()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        await server.Orders.SubmitOrderAsync(new SubmitOrderRequest { AccountId = CoreServer.DemoAccount, ClientOrderId = "readme-curl", Symbol = "EURUSD", Type = OrderType.Buy, Volume = Contracts.V1.Decimal.FromDecimal(0.10m) }, cancellationToken: TestContext.Current.CancellationToken);
        var lines = ReadmeLines();
        var login = lines.Select(line => CurlLoginLine().Match(line)).Single(match => match.Success);
        var get = lines.Select(line => CurlGetLine().Match(line)).Single(match => match.Success);
        using var http = server.CreateHttpClient();

        var json = login.Groups["json"].Value.Replace("\\\"", "\"", StringComparison.Ordinal)
            .Replace("$KEY_ID", server.TraderKey.KeyId, StringComparison.Ordinal)
            .Replace("$SECRET", server.TraderKey.Secret, StringComparison.Ordinal);
        using var reply = await http.PostAsync(login.Groups["path"].Value, new StringContent(json, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var token = SedFirst(login.Groups["pattern"].Value, await reply.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        http.DefaultRequestHeaders.Add("authorization", "Bearer " + token);
        var positions = await http.GetStringAsync(get.Groups["path"].Value, TestContext.Current.CancellationToken);

        Assert.Contains("\"symbol\":\"EURUSD\"", positions, StringComparison.Ordinal);
        Assert.Contains("\"nanos\":100000000", positions, StringComparison.Ordinal);
    }

    /// <summary>
    /// What grpcurl does with an error's details: look each one's type up through server reflection and decode it.
    /// The malformed order's google.rpc.BadRequest must resolve, and its field violations must name the fields.
    /// </summary>
    private static async Task AssertDetailsResolveThroughReflectionAsync(CoreServer server, RpcException error)
    {
        var status = global::Grpc.Core.RpcExceptionExtensions.GetRpcStatus(error);
        Assert.NotNull(status);
        var detail = Assert.Single(status.Details);
        var typeName = detail.TypeUrl[(detail.TypeUrl.LastIndexOf('/') + 1)..];
        using var reflection = new global::Grpc.Reflection.V1.ServerReflection.ServerReflectionClient(server.Channel).ServerReflectionInfo(cancellationToken: TestContext.Current.CancellationToken);
        await reflection.RequestStream.WriteAsync(new global::Grpc.Reflection.V1.ServerReflectionRequest { FileContainingSymbol = typeName }, TestContext.Current.CancellationToken);
        await reflection.RequestStream.CompleteAsync();
        Assert.True(await reflection.ResponseStream.MoveNext(TestContext.Current.CancellationToken));

        var files = FileDescriptor.BuildFromByteStrings(reflection.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto.Reverse());
        var resolved = files.SelectMany(file => file.MessageTypes).SingleOrDefault(message => message.FullName == typeName);
        Assert.True(resolved is not null, $"{typeName} does not resolve through reflection");
        Assert.NotNull(resolved.FindFieldByName("field_violations"));
        var violations = Google.Rpc.BadRequest.Parser.ParseFrom(detail.Value).FieldViolations.Select(violation => violation.Field).ToList();
        Assert.Contains("volume", violations);
    }

    private static MethodDescriptor FindMethod(string path)
    {
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        var service = Files.SelectMany(file => file.Services).Single(candidate => candidate.FullName == path[..slash]);
        return service.FindMethodByName(path[(slash + 1)..]);
    }

    private static string FindUp(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, name)))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        return Path.Combine(directory.FullName, name);
    }
}
