using Google.Rpc;
using Grpc.Core;

namespace TradingCore.Client;

/// <summary>One field of a request the server refused, and why (from google.rpc.BadRequest).</summary>
public sealed record FieldViolation(string Field, string Description);

/// <summary>
/// A call the server refused or that could not reach it, as a typed exception: the gRPC status, the message, and
/// the structured details the server attached (field violations, retry delay). Trade rejections (retcodes) are not
/// exceptions: they come back as <see cref="TradeOutcome"/>.
/// </summary>
public class TradingCoreException : Exception
{
    /// <summary>An error with a message and no server status.</summary>
    public TradingCoreException(string message)
        : base(message)
    {
    }

    /// <summary>An error with a message and the exception that caused it.</summary>
    public TradingCoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>An error without details.</summary>
    public TradingCoreException()
    {
    }

    internal TradingCoreException(RpcException error, IReadOnlyList<FieldViolation> violations, TimeSpan? retryAfter)
        : base(error.Status.Detail is { Length: > 0 } detail ? detail : error.StatusCode.ToString(), error)
    {
        StatusCode = error.StatusCode;
        FieldViolations = violations;
        RetryAfter = retryAfter;
    }

    /// <summary>The gRPC status code of the failed call.</summary>
    public StatusCode StatusCode { get; }

    /// <summary>The fields the server named as invalid (empty when it named none).</summary>
    public IReadOnlyList<FieldViolation> FieldViolations { get; } = [];

    /// <summary>How long the server asked to wait before trying again (rate limits).</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Trying again later may succeed (the server was unreachable, busy or shutting down).</summary>
    public bool IsTransient => RpcFailures.IsTransient(StatusCode);

    /// <summary>Maps a gRPC failure to the most specific exception type, with its details decoded.</summary>
    public static TradingCoreException FromRpc(RpcException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var violations = new List<FieldViolation>();
        TimeSpan? retryAfter = null;
        var status = error.GetRpcStatus();
        foreach (var detail in status?.Details ?? [])
        {
            if (detail.TryUnpack<BadRequest>(out var badRequest))
            {
                violations.AddRange(badRequest.FieldViolations.Select(violation => new FieldViolation(violation.Field, violation.Description)));
            }
            else if (detail.TryUnpack<RetryInfo>(out var retry))
            {
                retryAfter = retry.RetryDelay.ToTimeSpan();
            }
        }

        return error.StatusCode switch
        {
            global::Grpc.Core.StatusCode.InvalidArgument or global::Grpc.Core.StatusCode.OutOfRange => new InvalidRequestException(error, violations),
            global::Grpc.Core.StatusCode.Unauthenticated => new NotAuthenticatedException(error),
            global::Grpc.Core.StatusCode.PermissionDenied => new PermissionDeniedException(error),
            global::Grpc.Core.StatusCode.NotFound => new NotFoundException(error),
            global::Grpc.Core.StatusCode.ResourceExhausted => new RateLimitedException(error, retryAfter),
            _ when RpcFailures.IsTransient(error.StatusCode) => new ServerUnavailableException(error, retryAfter),
            _ => new TradingCoreException(error, violations, retryAfter),
        };
    }
}

/// <summary>INVALID_ARGUMENT: the request itself is wrong; <see cref="TradingCoreException.FieldViolations"/> says where.</summary>
public sealed class InvalidRequestException : TradingCoreException
{
    internal InvalidRequestException(RpcException error, IReadOnlyList<FieldViolation> violations)
        : base(error, violations, null)
    {
    }
}

/// <summary>UNAUTHENTICATED: no valid access token (log in, or the key was revoked).</summary>
public sealed class NotAuthenticatedException : TradingCoreException
{
    internal NotAuthenticatedException(RpcException error)
        : base(error, [], null)
    {
    }
}

/// <summary>PERMISSION_DENIED: the key may not do this (wrong role or an account it is not bound to).</summary>
public sealed class PermissionDeniedException : TradingCoreException
{
    internal PermissionDeniedException(RpcException error)
        : base(error, [], null)
    {
    }
}

/// <summary>NOT_FOUND: the order, position, account or symbol does not exist.</summary>
public sealed class NotFoundException : TradingCoreException
{
    internal NotFoundException(RpcException error)
        : base(error, [], null)
    {
    }
}

/// <summary>RESOURCE_EXHAUSTED: a rate or stream limit; <see cref="TradingCoreException.RetryAfter"/> says when to try again.</summary>
public sealed class RateLimitedException : TradingCoreException
{
    internal RateLimitedException(RpcException error, TimeSpan? retryAfter)
        : base(error, [], retryAfter)
    {
    }
}

/// <summary>The server could not be reached or did not answer in time, and retrying did not help.</summary>
public sealed class ServerUnavailableException : TradingCoreException
{
    internal ServerUnavailableException(RpcException error, TimeSpan? retryAfter)
        : base(error, [], retryAfter)
    {
    }
}

/// <summary>Thrown by <see cref="TradeOutcome.EnsureSuccess"/> when the server rejected a trade request.</summary>
public sealed class TradeRejectedException : TradingCoreException
{
    /// <summary>The rejection of <paramref name="outcome"/>; the message carries its retcode and explanation.</summary>
    public TradeRejectedException(TradeOutcome outcome)
        : base($"{Contracts.V1.ContractNames.Short(outcome?.Retcode ?? default)} ({(int)(outcome?.Retcode ?? default)}): {outcome?.Message}")
    {
        ArgumentNullException.ThrowIfNull(outcome);
        Outcome = outcome;
    }

    /// <summary>The rejected outcome (retcode, message, order).</summary>
    public TradeOutcome Outcome { get; }
}

/// <summary>Which failures are worth another attempt.</summary>
internal static class RpcFailures
{
    /// <summary>
    /// The server was unreachable, restarting, busy or the connection broke mid-call. Every call the client retries
    /// is idempotent (reads, and orders carry their client order id), so a retry after an ambiguous failure cannot
    /// double anything.
    /// </summary>
    public static bool IsTransient(StatusCode code) => code is StatusCode.Unavailable
        or StatusCode.DeadlineExceeded
        or StatusCode.Aborted
        or StatusCode.ResourceExhausted
        or StatusCode.Internal
        or StatusCode.Unknown
        or StatusCode.Cancelled;

    public static TimeSpan? RetryAfter(RpcException error)
    {
        foreach (var detail in error.GetRpcStatus()?.Details ?? [])
        {
            if (detail.TryUnpack<RetryInfo>(out var retry))
            {
                return retry.RetryDelay.ToTimeSpan();
            }
        }

        return null;
    }
}
