using TradingCore.Contracts.V1;

namespace TradingCore.Client;

/// <summary>
/// The server's decision on a trade request: success (DONE, PLACED, DONE_PARTIAL) or a rejection with its MT5
/// retcode and a message naming the rule. A rejection is a normal answer, not an exception; call
/// <see cref="EnsureSuccess"/> to turn it into one.
/// </summary>
public sealed class TradeOutcome
{
    /// <summary>Wraps the server's result and the order it returned.</summary>
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

    /// <summary>The MT5 return code (DONE, PLACED, NO_MONEY, INVALID_STOPS, ...).</summary>
    public TradeRetcode Retcode => Result.Retcode;

    /// <summary>The server's explanation, naming the rule or field for a rejection.</summary>
    public string Message => Result.Message;

    /// <summary>True for DONE, PLACED and DONE_PARTIAL.</summary>
    public bool Succeeded => Retcode is TradeRetcode.Done or TradeRetcode.Placed or TradeRetcode.DonePartial;

    /// <summary>The request's idempotency key.</summary>
    public string ClientOrderId => Result.ClientOrderId;

    /// <summary>The stored outcome of an earlier request with the same client order id (e.g. after a retry).</summary>
    public bool Duplicate => Result.Duplicate;

    /// <summary>The order's ticket (0 when the request was refused before an order existed).</summary>
    public ulong OrderTicket => Result.OrderTicket;

    /// <summary>The deal's ticket when the request executed (0 otherwise).</summary>
    public ulong DealTicket => Result.DealTicket;

    /// <summary>The position opened, changed or closed by the deal (0 when none).</summary>
    public ulong PositionTicket => Result.PositionTicket;

    /// <summary>Executed volume in lots.</summary>
    public decimal Volume => Result.Volume?.ToDecimal() ?? 0m;

    /// <summary>Deal price (market orders) or order price (pending orders).</summary>
    public decimal Price => Result.Price?.ToDecimal() ?? 0m;

    /// <summary>Throws <see cref="TradeRejectedException"/> unless the request succeeded; returns this otherwise.</summary>
    public TradeOutcome EnsureSuccess() => Succeeded ? this : throw new TradeRejectedException(this);

    /// <summary>Retcode name, number and message, e.g. for logs.</summary>
    public override string ToString() => $"{ContractNames.Short(Retcode)} ({(int)Retcode}) {Message}";
}
