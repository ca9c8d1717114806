using Grpc.Core;
using TradingCore.Engine.Commands;
using TradingCore.Engine.Loop;
using TradingCore.Grpc.Validation;
using TradingCore.Mapping;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Grpc;

internal sealed partial class OrdersService
{
    /// <summary>Most requests of one trade session awaiting their acknowledgement at once.</summary>
    private const int MaxInFlightPerSession = 256;

    /// <summary>Response header of StreamTradeEvents: the sequence the stream starts after.</summary>
    public const string StreamStartHeader = "trading-resume-after";

    public override async Task StreamTradeEvents(Wire.StreamTradeEventsRequest request, IServerStreamWriter<Wire.TradeEvent> responseStream, ServerCallContext context)
    {
        var errors = new FieldErrors();
        var accountId = WireReader.AccountId(request.AccountId, errors);
        errors.ThrowIfAny();
        RefuseBacktest(accountId);
        await EnsureAccountAsync(accountId, context.CancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        ulong? resume = request.HasResumeAfterSequence ? request.ResumeAfterSequence : null;
        var http = context.GetHttpContext();
        var frames = http.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true ? http.Response.BodyWriter : null;
        await StreamUntilStoppedAsync(
            () => streamer.RunAsync(
                accountId,
                resume,
                // Writes take the call's token, never the shutdown one: grpc-dotnet resets a stream whose write is
                // cancelled mid-message (the client would see CANCELLED). Shutdown is observed between writes.
                // A gRPC call writes each event's frame, encoded once for all the account's streams; HTTP/JSON
                // transcoding formats each message itself.
                frames is null ? (tradeEvent, _) => responseStream.WriteAsync(tradeEvent, context.CancellationToken) : (tradeEvent, _) => frames.WriteAsync(tradeEvent.Frame(), context.CancellationToken).AsTask(),
                // Headers go out as soon as the subscription exists: a client that sees them knows no later event
                // is missed, and learns the sequence the stream starts after (its resume point if it reconnects
                // before the first event).
                start => context.WriteResponseHeadersAsync(new Metadata { { StreamStartHeader, start.ToString(System.Globalization.CultureInfo.InvariantCulture) } }),
                stop.Token));
    }

    /// <summary>
    /// The bidirectional trade session. Requests are pipelined: each is handed to the engine at once and
    /// acknowledged when decided, in order, up to <see cref="MaxInFlightPerSession"/> at a time. A malformed or
    /// refused request is acknowledged with a retcode (INVALID 10013, REJECT 10006 for a reused client order id,
    /// TOO_MANY_REQUESTS 10024 when the engine is saturated) instead of ending the session. The session ends when
    /// the client completes its request stream and every acknowledgement is written.
    /// </summary>
    public override async Task TradeSession(IAsyncStreamReader<Wire.TradeSessionRequest> requestStream, IServerStreamWriter<Wire.TradeSessionResponse> responseStream, ServerCallContext context)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        var token = stop.Token;
        if (!await requestStream.MoveNext(token))
        {
            return;
        }

        var open = requestStream.Current.Open ?? throw FieldErrors.Single("open", "the first message of a trade session must be open");
        var errors = new FieldErrors();
        var accountId = WireReader.AccountId(open.AccountId, errors, "open.account_id");
        errors.ThrowIfAny();
        RefuseBacktest(accountId);
        if (placement.ForeignOwner(accountId) is { } owner)
        {
            // A session is bound to its open message's account: the interceptor never saw it.
            throw new RpcException(new Status(StatusCode.FailedPrecondition, Hosting.AccountPlacement.Elsewhere(accountId, owner)));
        }

        var caller = Security.Caller.Of(context);
        if (!caller.CanTradeOn(accountId))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"the key {caller.KeyId} is not bound to account {accountId}"));
        }

        await EnsureAccountAsync(accountId, token);

        var outgoing = new SessionOutbox(MaxInFlightPerSession + 1, MaxInFlightPerSession * 4);
        // A session is always gRPC (HTTP/JSON has no bidirectional streams): events go out as their shared frames.
        var writer = outgoing.WriteAllAsync(responseStream, context, token, context.GetHttpContext().Response.BodyWriter);
        await outgoing.AckAsync(new Wire.TradeSessionResponse
        {
            RequestId = requestStream.Current.RequestId,
            Opened = new Wire.TradeSessionOpened { AccountId = accountId, LastSequence = events.LastSequence },
        }, token);

        using var eventsStop = CancellationTokenSource.CreateLinkedTokenSource(token);
        ulong? resume = open.HasResumeAfterSequence ? open.ResumeAfterSequence : null;
        var eventPump = streamer.RunAsync(
            accountId,
            resume,
            outgoing.EventAsync,
            null,
            eventsStop.Token);

        await StreamUntilStoppedAsync(async () =>
        {
            try
            {
                await PumpRequestsAsync(requestStream, outgoing, accountId, token);
            }
            finally
            {
                await eventsStop.CancelAsync();
                await eventPump.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                outgoing.Complete();
                await writer;
            }

            if (eventPump.IsFaulted)
            {
                await eventPump;
            }
        });
    }

    private async Task PumpRequestsAsync(IAsyncStreamReader<Wire.TradeSessionRequest> requestStream, SessionOutbox outgoing, long accountId, CancellationToken token)
    {
        using var inFlight = new SemaphoreSlim(MaxInFlightPerSession);
        var acks = new List<Task>();
        while (await requestStream.MoveNext(token))
        {
            var request = requestStream.Current;
            await inFlight.WaitAsync(token);
            acks.RemoveAll(ack => ack.IsCompleted);
            acks.Add(AcknowledgeAsync(request, accountId, outgoing, inFlight, token));
        }

        await Task.WhenAll(acks);
    }

    private async Task AcknowledgeAsync(Wire.TradeSessionRequest request, long accountId, SessionOutbox outgoing, SemaphoreSlim inFlight, CancellationToken token)
    {
        try
        {
            var result = await DecideAsync(request, accountId, token);
            await outgoing.AckAsync(new Wire.TradeSessionResponse { RequestId = request.RequestId, Ack = result }, token);
        }
        finally
        {
            inFlight.Release();
        }
    }

    private async Task<Wire.TradeResult> DecideAsync(Wire.TradeSessionRequest request, long accountId, CancellationToken token)
    {
        var clientOrderId = request.Submit?.ClientOrderId ?? request.Cancel?.ClientOrderId ?? "";
        try
        {
            var decided = request.RequestCase switch
            {
                Wire.TradeSessionRequest.RequestOneofCase.Submit => commands.SubmitAsync(SessionOrder(OrderRequests.Submit(request.Submit!, catalog, "submit."), accountId), token),
                Wire.TradeSessionRequest.RequestOneofCase.Modify => engines.Live.ExecuteAsync(SessionCommand(OrderRequests.Modify(request.Modify!, "modify."), accountId), token),
                Wire.TradeSessionRequest.RequestOneofCase.Cancel => engines.Live.ExecuteAsync(SessionCommand(OrderRequests.Cancel(request.Cancel!, "cancel."), accountId), token),
                _ => throw FieldErrors.Single("request", "must be submit, modify or cancel after open"),
            };
            var outcome = Outcomes.Decided(await decided);
            return ResultMapper.ToProto(outcome);
        }
        catch (RpcException error) when (error.StatusCode is StatusCode.InvalidArgument or StatusCode.NotFound or StatusCode.AlreadyExists)
        {
            var code = error.StatusCode == StatusCode.AlreadyExists ? Wire.TradeRetcode.Reject : Wire.TradeRetcode.Invalid;
            return new Wire.TradeResult { Retcode = code, Message = error.Status.Detail, ClientOrderId = clientOrderId };
        }
        catch (EngineBusyException error)
        {
            return new Wire.TradeResult { Retcode = Wire.TradeRetcode.TooManyRequests, Message = error.Message, ClientOrderId = clientOrderId };
        }
    }

    /// <summary>Every session request must act for the session's account.</summary>
    private static OrderRequest SessionOrder(OrderRequest order, long accountId) =>
        order.AccountId == accountId ? order : throw WrongAccount("submit.");

    private static Func<Engine.Core.EngineCore, long, TradeOutcome> SessionCommand(ModifyOrderRequest modify, long accountId) =>
        modify.AccountId == accountId ? (core, nowMs) => core.Modify(modify, nowMs) : throw WrongAccount("modify.");

    private static Func<Engine.Core.EngineCore, long, TradeOutcome> SessionCommand(CancelOrderRequest cancel, long accountId) =>
        cancel.AccountId == accountId ? (core, nowMs) => core.Cancel(cancel, nowMs) : throw WrongAccount("cancel.");

    private static RpcException WrongAccount(string prefix) =>
        FieldErrors.Single(prefix + "account_id", "must be the account the session was opened for");

    /// <summary>Runs a stream body; server shutdown ends it with UNAVAILABLE so clients know to reconnect.</summary>
    private async Task StreamUntilStoppedAsync(Func<Task> body)
    {
        try
        {
            await body();
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "the server is shutting down; reconnect and resume by sequence"));
        }
    }

    /// <summary>A backtest's events stream in its own Backtests/Run call: the live streams do not carry them.</summary>
    private void RefuseBacktest(long accountId)
    {
        if (engines.Backtest(accountId) is not null)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"account {accountId} is a backtest's: its events and orders go through its Backtests/Run stream"));
        }
    }
}
