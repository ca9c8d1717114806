using Grpc.Core;
using TradingCore.Engine.Commands;

namespace TradingCore.Grpc;

/// <summary>Turns engine outcomes that are not business decisions into gRPC statuses (one rule for every RPC).</summary>
internal static class Outcomes
{
    /// <summary>NOT_FOUND for a missing account/order/position; ALREADY_EXISTS for a reused client order id.</summary>
    public static T Decided<T>(T outcome, OutcomeKind kind, string message)
    {
        return kind switch
        {
            OutcomeKind.NotFound => throw new RpcException(new Status(StatusCode.NotFound, message)),
            OutcomeKind.Conflict => throw new RpcException(new Status(StatusCode.AlreadyExists, message)),
            OutcomeKind.RecallNeeded => throw new RpcException(new Status(StatusCode.Unavailable, message + "; try again")),
            _ => outcome,
        };
    }

    public static TradeOutcome Decided(TradeOutcome outcome) => Decided(outcome, outcome.Kind, outcome.Message);

    public static RpcException NotFound(string message) => new(new Status(StatusCode.NotFound, message));
}
