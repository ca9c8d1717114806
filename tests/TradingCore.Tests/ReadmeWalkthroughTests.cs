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
        PositionsReflection.Descriptor, AccountsReflection.Descriptor, global::Grpc.Health.V1.HealthReflection.Descriptor,
    ];

    private static readonly Marshaller<byte[]> Raw = Marshallers.Create(bytes => bytes, bytes => bytes);

    [GeneratedRegex(@"^grpcurl -plaintext (?:-d '(?<json>[^']*)' )?127\.0\.0\.1:50051(?: (?<verb>list|describe)(?: (?<symbol>\S+))?| (?<method>\S+))?$")]
    private static partial Regex Command();

    private static List<Match> Commands()
    {
        var readme = FindUp("README.md");
        return [.. File.ReadAllLines(readme).Where(line => line.StartsWith("grpcurl -", StringComparison.Ordinal)).Select(line =>
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
        var invoker = server.Channel.CreateCallInvoker();
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
            if (json.Contains("\"client_order_id\":\"bad\"", StringComparison.Ordinal))
            {
                var error = await Assert.ThrowsAsync<RpcException>(() => invoker.AsyncUnaryCall(grpcMethod, null, options, request.ToByteArray()).ResponseAsync);
                Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
                Assert.Contains("volume", error.Status.Detail, StringComparison.Ordinal);
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
