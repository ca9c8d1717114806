using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using TradingCore.Contracts.V1;

namespace TradingCore.Tests;

/// <summary>
/// Every trading.v1 RPC × every role × own and other account. Denials are exactly what the access rules say:
/// UNAUTHENTICATED without a token; PERMISSION_DENIED for a role that lacks the method or an account the key is
/// not bound to; anything else (OK, or a validation/business status) means the call was let through.
/// </summary>
public sealed class IsolationMatrixTests
{
    private const long Own = CoreServer.DemoAccount;
    private const long Other = 1002;

    private static readonly ServiceDescriptor[] Services =
    [
        MarketData.Descriptor, Orders.Descriptor, Positions.Descriptor, Accounts.Descriptor, Admin.Descriptor, Auth.Descriptor,
    ];

    private static readonly Marshaller<byte[]> Raw = Marshallers.Create(bytes => bytes, bytes => bytes);

    private enum Who
    {
        Anonymous,
        Viewer,
        Trader,
        Admin,
    }

    private enum Rule
    {
        Open,
        Authenticated,
        Read,
        Trade,
        TraderOnly,
        AdminOnly,
    }

    private static Rule RuleOf(MethodDescriptor method) => (method.Service.Name, method.Name) switch
    {
        ("Auth", "Login") or ("Accounts", "LocateAccount") => Rule.Open,
        ("Auth", _) or ("MarketData", _) or ("Accounts", "ListAccounts") => Rule.Authenticated,
        ("Admin", _) => Rule.AdminOnly,
        ("Orders", "TradeSession") => Rule.TraderOnly,
        ("Orders", "SubmitOrder" or "CheckOrder" or "ModifyOrder" or "CancelOrder") => Rule.Trade,
        ("Positions", "ClosePosition" or "ModifyPosition" or "ClosePositionBy") => Rule.Trade,
        _ => Rule.Read,
    };

    private static StatusCode? Expected(Who who, Rule rule, long account) => (who, rule) switch
    {
        (_, Rule.Open) => null,
        (Who.Anonymous, _) => StatusCode.Unauthenticated,
        (_, Rule.Authenticated) => null,
        (Who.Admin, Rule.AdminOnly or Rule.Read) => null,
        (_, Rule.AdminOnly) => StatusCode.PermissionDenied,
        (Who.Admin, _) => StatusCode.PermissionDenied,
        (Who.Viewer, Rule.Trade or Rule.TraderOnly) => StatusCode.PermissionDenied,
        (_, Rule.TraderOnly) => account == Own ? null : StatusCode.PermissionDenied,
        _ => account == Own ? null : StatusCode.PermissionDenied,
    };

    [Fact]
    public async Task EveryRpc_EveryRole_OwnAndOtherAccount_IsAllowedOrDeniedExactlyByTheRules()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        var adminInvoker = await server.InvokerForAsync(server.AdminKey);
        var admin = new Admin.AdminClient(adminInvoker);
        var token = TestContext.Current.CancellationToken;
        await admin.CreateAccountAsync(new CreateAccountRequest { AccountId = Other, Currency = "USD", Leverage = 100, MarginMode = MarginMode.RetailNetting, Balance = Wire.D(1000m) }, cancellationToken: token);
        var viewerKey = await admin.IssueApiKeyAsync(new IssueApiKeyRequest { Name = "viewer", Roles = { Role.Viewer }, AccountIds = { Own } }, cancellationToken: token);
        var invokers = new Dictionary<Who, CallInvoker>
        {
            [Who.Anonymous] = server.Channel.CreateCallInvoker(),
            [Who.Viewer] = await server.InvokerForAsync(new Credentials.Key(viewerKey.Key.KeyId, viewerKey.Secret)),
            [Who.Trader] = server.Invoker,
            [Who.Admin] = adminInvoker,
        };

        var failures = new List<string>();
        var cases = 0;
        foreach (var method in Services.SelectMany(service => service.Methods))
        {
            foreach (var who in Enum.GetValues<Who>())
            {
                foreach (var account in new[] { Own, Other })
                {
                    if (method.Name is "RevokeApiKey" or "CloseAccount")
                    {
                        continue; // destructive for the rest of the matrix; covered by AdminTests
                    }

                    cases++;
                    var actual = await Call(invokers[who], method, account);
                    var expected = Expected(who, RuleOf(method), account);
                    var denied = actual is StatusCode.PermissionDenied or StatusCode.Unauthenticated;
                    if (expected is null ? denied : actual != expected)
                    {
                        failures.Add($"{method.FullName} as {who} on {(account == Own ? "own" : "other")} account: got {actual}, expected {(expected?.ToString() ?? "allowed")}");
                    }
                }
            }
        }

        Assert.True(cases > 200, $"only {cases} cases");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>Calls a method with a request naming <paramref name="account"/>; returns the status (OK when it answered).</summary>
    private static async Task<StatusCode> Call(CallInvoker invoker, MethodDescriptor method, long account)
    {
        var request = Request(method.InputType, account);
        var options = new CallOptions(deadline: DateTime.UtcNow.AddSeconds(2), cancellationToken: TestContext.Current.CancellationToken);
        try
        {
            if (method.IsClientStreaming)
            {
                var grpcMethod = new Method<byte[], byte[]>(MethodType.DuplexStreaming, method.Service.FullName, method.Name, Raw, Raw);
                using var call = invoker.AsyncDuplexStreamingCall(grpcMethod, null, options);
                var open = new TradeSessionRequest { RequestId = 1, Open = new TradeSessionOpen { AccountId = account } };
                try
                {
                    await call.RequestStream.WriteAsync(open.ToByteArray());
                    await call.RequestStream.CompleteAsync();
                }
                catch (RpcException)
                {
                    // The server may refuse the call before the request is written (the write then fails as
                    // CANCELLED); the call's own status is read from the response below.
                }

                while (await call.ResponseStream.MoveNext(CancellationToken.None))
                {
                }

                return StatusCode.OK;
            }

            if (method.IsServerStreaming)
            {
                var grpcMethod = new Method<byte[], byte[]>(MethodType.ServerStreaming, method.Service.FullName, method.Name, Raw, Raw);
                using var call = invoker.AsyncServerStreamingCall(grpcMethod, null, options, request.ToByteArray());
                await call.ResponseStream.MoveNext(CancellationToken.None);
                return StatusCode.OK;
            }

            var unary = new Method<byte[], byte[]>(MethodType.Unary, method.Service.FullName, method.Name, Raw, Raw);
            await invoker.AsyncUnaryCall(unary, null, options, request.ToByteArray()).ResponseAsync;
            return StatusCode.OK;
        }
        catch (RpcException error)
        {
            return error.StatusCode;
        }
    }

    /// <summary>An empty request whose account_id (top level, or in its nested request) is <paramref name="account"/>.</summary>
    private static IMessage Request(MessageDescriptor type, long account)
    {
        var message = type.Parser.ParseFrom(ByteString.Empty);
        if (type.FindFieldByName("account_id") is { } field)
        {
            field.Accessor.SetValue(message, account);
            return message;
        }

        foreach (var nested in type.Fields.InFieldNumberOrder().Where(candidate => candidate.FieldType == FieldType.Message && !candidate.IsRepeated))
        {
            if (nested.MessageType.FindFieldByName("account_id") is { } inner)
            {
                var child = nested.MessageType.Parser.ParseFrom(ByteString.Empty);
                inner.Accessor.SetValue(child, account);
                nested.Accessor.SetValue(message, child);
                return message;
            }
        }

        return message;
    }
}
