using TradingCore.Contracts.V1;

namespace TradingCore.Client;

/// <summary>
/// The server's decision on a trade request: success (DONE, PLACED, DONE_PARTIAL) or a rejection with its MT5
/// retcode and a message naming the rule. A rejection is a normal answer, not an exception; call
/// <see cref="EnsureSuccess"/> to turn it into one.
/// </summary>
public sealed class TradeOutcome
{
    public TradeOutcome(TradeResult result, Order? order)
    {
        ArgumentNullException.ThrowIfNull(result);
        Result = result;
        Order = order;
    }

    /// <summary>The wire result (every field the server sent).</summary>
    public TradeResult Result { get; }

    /// <summary>The order as it is after the request (null when the server returned none).</summary>
    public Order? Order { get; }

    public TradeRetcode Retcode => Result.Retcode;

    public string Message => Result.Message;

    public bool Succeeded => Retcode is TradeRetcode.Done or TradeRetcode.Placed or TradeRetcode.DonePartial;

    /// <summary>The request's idempotency key.</summary>
    public string ClientOrderId => Result.ClientOrderId;

    /// <summary>The stored outcome of an earlier request with the same client order id (e.g. after a retry).</summary>
    public bool Duplicate => Result.Duplicate;

    public ulong OrderTicket => Result.OrderTicket;

    public ulong DealTicket => Result.DealTicket;

    public ulong PositionTicket => Result.PositionTicket;

    /// <summary>Executed volume in lots.</summary>
    public decimal Volume => Result.Volume?.ToDecimal() ?? 0m;

    /// <summary>Deal price (market orders) or order price (pending orders).</summary>
    public decimal Price => Result.Price?.ToDecimal() ?? 0m;

    /// <summary>Throws <see cref="TradeRejectedException"/> unless the request succeeded; returns this otherwise.</summary>
    public TradeOutcome EnsureSuccess() => Succeeded ? this : throw new TradeRejectedException(this);

    public override string ToString() => $"{Retcode} ({(int)Retcode}) {Message}";
}
