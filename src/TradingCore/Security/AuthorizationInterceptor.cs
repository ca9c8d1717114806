using System.Collections.Concurrent;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Core.Interceptors;
using TradingCore.Configuration;
using TradingCore.Hosting;

namespace TradingCore.Security;

/// <summary>
/// Enforces <see cref="MethodPolicies"/> on every call, after <see cref="TokenAuthenticationMiddleware"/> validated
/// the token: no token → UNAUTHENTICATED; a role that does not allow the method, or an account the key is not
/// bound to → PERMISSION_DENIED. The request's account is its `account_id` field (or that of its one nested
/// request, as in CheckOrder). An account another instance owns (TradingCore:Instances) → FAILED_PRECONDITION naming
/// it. Also caps open server streams per key (RESOURCE_EXHAUSTED beyond).
/// </summary>
internal sealed class AuthorizationInterceptor(TradingCoreOptions options, Diagnostics.TradingCoreMetrics metrics, Backtesting.BacktestRegistry backtests, AccountPlacement placement) : Interceptor
{
    private static readonly ConcurrentDictionary<MessageDescriptor, FieldDescriptor?> AccountFields = new();

    private readonly ConcurrentDictionary<string, int> _openStreams = new(StringComparer.Ordinal);

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context, request as IMessage);
        return continuation(request, context);
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var caller = Authorize(context, request as IMessage);
        using var slot = OpenStream(caller);
        await continuation(request, responseStream, context);
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var caller = Authorize(context, null);
        using var slot = OpenStream(caller);
        await continuation(requestStream, responseStream, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context, null);
        return continuation(requestStream, context);
    }

    private Caller? Authorize(ServerCallContext context, IMessage? request)
    {
        try
        {
            return AuthorizeCore(context, request);
        }
        catch (RpcException refused)
        {
            metrics.AuthFailed(refused.StatusCode == StatusCode.Unauthenticated ? "token" : "permission");
            throw;
        }
    }

    private Caller? AuthorizeCore(ServerCallContext context, IMessage? request)
    {
        var access = MethodPolicies.For(context.Method);
        if (access == Access.Anonymous)
        {
            return null;
        }

        if (access == Access.Denied)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, "this method is not open to callers"));
        }

        // An account another instance owns is served there (TradingCore:Instances), whatever the caller may do here.
        var account = AccountOf(request);
        if (account is { } named && placement.ForeignOwner(named) is { } owner)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, AccountPlacement.Elsewhere(named, owner)));
        }

        var caller = Caller.Of(context);
        var allowed = access switch
        {
            Access.Authenticated => true,
            Access.Admin => caller.IsAdmin,
            Access.Trader => caller.CanTrade,
            Access.AccountRead => account is not { } readId || caller.CanRead(readId) || OwnsBacktest(caller, readId, read: true),
            Access.AccountTrade => account is not { } tradeId || caller.CanTradeOn(tradeId) || (caller.CanTrade && OwnsBacktest(caller, tradeId, read: false)),
            _ => false,
        };
        if (!allowed)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, Explain(access, caller, request)));
        }

        return caller;
    }

    /// <summary>A running backtest's account is its owner's (admins may read it too), whatever accounts the key is bound to.</summary>
    private bool OwnsBacktest(Caller caller, long accountId, bool read) =>
        backtests.Running(accountId) is { } run && (run.Owner == caller.KeyId || (read && caller.IsAdmin));

    private static string Explain(Access access, Caller caller, IMessage? request) => access switch
    {
        Access.Admin => "this method needs an admin key",
        Access.Trader => "this method needs a trader key",
        Access.AccountTrade when !caller.CanTrade => "trading needs a trader key",
        _ => $"the key {caller.KeyId} is not bound to account {AccountOf(request)}",
    };

    /// <summary>The account a request acts for; null when it names none (0 and ids out of range are left to field validation).</summary>
    private static long? AccountOf(IMessage? request)
    {
        if (request is null)
        {
            return null;
        }

        if (AccountField(request.Descriptor) is { } field)
        {
            return Positive((long)field.Accessor.GetValue(request));
        }

        foreach (var nested in request.Descriptor.Fields.InFieldNumberOrder())
        {
            if (nested.FieldType == FieldType.Message && !nested.IsRepeated
                && nested.Accessor.GetValue(request) is IMessage inner && AccountField(inner.Descriptor) is { } innerField)
            {
                return Positive((long)innerField.Accessor.GetValue(inner));
            }
        }

        return null;
    }

    /// <summary>
    /// The message's int64 account_id field, looked up once per message type (the descriptor's lookup by name
    /// builds the field's full name each time).
    /// </summary>
    private static FieldDescriptor? AccountField(MessageDescriptor descriptor) =>
        AccountFields.GetOrAdd(descriptor, static type =>
            type.FindFieldByName("account_id") is { FieldType: FieldType.Int64, IsRepeated: false } field ? field : null);

    /// <summary>An id within the documented range; anything else is left to field validation (INVALID_ARGUMENT).</summary>
    private static long? Positive(long accountId) => Engine.Domain.ValueRanges.IsAccountId(accountId) ? accountId : null;

    private StreamSlot? OpenStream(Caller? caller)
    {
        if (caller is null)
        {
            return null;
        }

        var open = _openStreams.AddOrUpdate(caller.KeyId, 1, (_, count) => count + 1);
        var slot = new StreamSlot(this, caller.KeyId);
        if (open > options.Auth.MaxStreamsPerKey)
        {
            slot.Dispose();
            throw new RpcException(new Status(StatusCode.ResourceExhausted, $"the key {caller.KeyId} already has {options.Auth.MaxStreamsPerKey} open streams"));
        }

        return slot;
    }

    private sealed class StreamSlot(AuthorizationInterceptor owner, string keyId) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner._openStreams.AddOrUpdate(keyId, 0, (_, count) => count - 1);
            }
        }
    }
}
