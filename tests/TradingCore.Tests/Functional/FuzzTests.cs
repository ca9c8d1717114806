using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Health.V1;
using TradingCore.Contracts.V1;

namespace TradingCore.Tests;

/// <summary>
/// Thousands of random and mutated requests to every trading.v1 RPC, as a trader and as an admin, plus random
/// bytes. Only the statuses of the error rules may come back (never INTERNAL, UNKNOWN or UNAVAILABLE), and the
/// server is still healthy and consistent afterwards. Seeded, so a failure is reproducible.
/// </summary>
public sealed class FuzzTests
{
    private const int MutationsPerMethod = 60;
    private const int RandomPayloadsPerMethod = 10;

    private static readonly HashSet<StatusCode> Expected =
    [
        StatusCode.OK, StatusCode.InvalidArgument, StatusCode.NotFound, StatusCode.AlreadyExists, StatusCode.PermissionDenied,
        StatusCode.FailedPrecondition, StatusCode.ResourceExhausted, StatusCode.Unimplemented, StatusCode.DeadlineExceeded,
        StatusCode.Unauthenticated, StatusCode.Cancelled,
    ];

    private static readonly ServiceDescriptor[] Services =
    [
        MarketData.Descriptor, Orders.Descriptor, Positions.Descriptor, Accounts.Descriptor, Admin.Descriptor, Auth.Descriptor,
    ];

    private static readonly Marshaller<byte[]> Raw = Marshallers.Create(bytes => bytes, bytes => bytes);

    [Fact]
    public async Task RandomAndMutatedRequests_GetOnlyExpectedStatuses_AndTheServerStaysHealthy()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path, settings: new Dictionary<string, string>
        {
            ["TradingCore:Auth:RequestsPerSecond"] = "100000",
            ["TradingCore:Auth:RequestBurst"] = "100000",
        });
        await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        await server.QuoteAsync("XAUUSD", 2000.00m, 2000.50m);
        var callers = new[] { server.Invoker, await server.InvokerForAsync(server.AdminKey) };
        var random = new Random(20261126);
        var unexpected = new List<string>();
        var calls = 0;

        foreach (var method in Services.SelectMany(service => service.Methods))
        {
            if (method.Name is "RevokeApiKey")
            {
                continue; // a random revoke could hit the fuzzing keys themselves; RevokeApiKey is covered by AdminTests
            }

            for (var index = 0; index < MutationsPerMethod + RandomPayloadsPerMethod; index++)
            {
                var payload = index < MutationsPerMethod
                    ? Mutate(method.InputType, random, depth: 0).ToByteArray()
                    : RandomBytes(random);
                var status = await Call(callers[index % callers.Length], method, payload);
                calls++;
                if (!Expected.Contains(status))
                {
                    unexpected.Add($"{method.FullName} #{index}: {status} for {Convert.ToHexString(payload)}");
                }
            }
        }

        Assert.True(calls > 2000, $"only {calls} calls");
        Assert.True(unexpected.Count == 0, string.Join("\n", unexpected.Take(20)));
        var health = await new Health.HealthClient(server.Channel).CheckAsync(new HealthCheckRequest(), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        var symbols = await server.MarketData.ListSymbolsAsync(new ListSymbolsRequest(), cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotEmpty(symbols.Symbols);
    }

    private static async Task<StatusCode> Call(CallInvoker invoker, MethodDescriptor method, byte[] payload)
    {
        var options = new CallOptions(deadline: DateTime.UtcNow.AddSeconds(2), cancellationToken: TestContext.Current.CancellationToken);
        try
        {
            if (method.IsClientStreaming)
            {
                var duplex = new Method<byte[], byte[]>(MethodType.DuplexStreaming, method.Service.FullName, method.Name, Raw, Raw);
                using var call = invoker.AsyncDuplexStreamingCall(duplex, null, options);
                await call.RequestStream.WriteAsync(payload, TestContext.Current.CancellationToken);
                await call.RequestStream.WriteAsync(payload, TestContext.Current.CancellationToken);
                await call.RequestStream.CompleteAsync();
                while (await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken))
                {
                }

                return StatusCode.OK;
            }

            if (method.IsServerStreaming)
            {
                // A stream may rightly wait for events forever: the client gives up after 300 ms (CANCELLED).
                using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
                giveUp.CancelAfter(TimeSpan.FromMilliseconds(300));
                var streaming = new Method<byte[], byte[]>(MethodType.ServerStreaming, method.Service.FullName, method.Name, Raw, Raw);
                using var call = invoker.AsyncServerStreamingCall(streaming, null, new CallOptions(cancellationToken: giveUp.Token), payload);
                await call.ResponseStream.MoveNext(giveUp.Token);
                return StatusCode.OK;
            }

            var unary = new Method<byte[], byte[]>(MethodType.Unary, method.Service.FullName, method.Name, Raw, Raw);
            await invoker.AsyncUnaryCall(unary, null, options, payload).ResponseAsync;
            return StatusCode.OK;
        }
        catch (RpcException error)
        {
            return error.StatusCode;
        }
    }

    /// <summary>A message with random values in random fields; account ids are usually the demo account so calls get past authorization.</summary>
    private static IMessage Mutate(MessageDescriptor type, Random random, int depth)
    {
        var message = type.Parser.ParseFrom(ByteString.Empty);
        foreach (var field in type.Fields.InFieldNumberOrder())
        {
            if (random.Next(3) == 0 || (field.FieldType == FieldType.Message && depth >= 3))
            {
                continue;
            }

            if (field.IsRepeated)
            {
                var list = (System.Collections.IList)field.Accessor.GetValue(message);
                for (var count = random.Next(4); count > 0; count--)
                {
                    list.Add(Value(field, random, depth));
                }
            }
            else if (!field.IsMap)
            {
                field.Accessor.SetValue(message, Value(field, random, depth));
            }
        }

        return message;
    }

    private static object Value(FieldDescriptor field, Random random, int depth) => field.FieldType switch
    {
        FieldType.Int64 when field.Name == "account_id" => random.Next(5) == 0 ? random.NextInt64(long.MinValue, long.MaxValue) : CoreServer.DemoAccount,
        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => Pick(random, 0L, 1L, -1L, long.MaxValue, long.MinValue, random.NextInt64(long.MinValue, long.MaxValue), 1_800_000_000_000L),
        FieldType.UInt64 or FieldType.Fixed64 => Pick(random, 0UL, 1UL, ulong.MaxValue, 1_000_001UL, (ulong)random.NextInt64()),
        FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => Pick(random, 0, 1, -1, int.MaxValue, int.MinValue, random.Next(-2_000_000_000, 2_000_000_000), 999_999_999),
        FieldType.UInt32 or FieldType.Fixed32 => Pick(random, 0U, 1U, uint.MaxValue, (uint)random.Next()),
        FieldType.Bool => random.Next(2) == 0,
        FieldType.String => Pick(random, "", "EURUSD", "XAUUSD", "x", new string('z', random.Next(0, 300)), "\u0000\u0001\n", "ünïcødé 😀", "tck_0000000000000000", "' OR 1=1 --"),
        FieldType.Bytes => ByteString.CopyFrom(RandomBytes(random)),
        FieldType.Enum => random.Next(4) == 0 ? random.Next(-5, 20000) : field.EnumType.Values[random.Next(field.EnumType.Values.Count)].Number,
        FieldType.Message => Mutate(field.MessageType, random, depth + 1),
        FieldType.Double => random.NextDouble(),
        FieldType.Float => (float)random.NextDouble(),
        _ => throw new NotSupportedException(field.FieldType.ToString()),
    };

    private static T Pick<T>(Random random, params T[] choices) => choices[random.Next(choices.Length)];

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 64)];
        random.NextBytes(bytes);
        return bytes;
    }
}
