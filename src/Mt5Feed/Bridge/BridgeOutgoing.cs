using System.Text;
using System.Text.Json;
using TradingCore.Engine.Commands;
using TradingCore.Engine.Domain;

namespace TradingCore.Mt5Feed.Bridge;

/// <summary>
/// The frames the core sends a terminal (docs/mt5-bridge-protocol.md), each one line of UTF-8 JSON ending in a
/// newline: <c>welcome</c> (the protocol version and where to resume each symbol) and <c>error</c> (why the
/// connection is closed).
/// </summary>
internal static class BridgeOutgoing
{
    /// <summary>The handshake's answer: the protocol version of the session (the peer's) and the last tick time held per symbol.</summary>
    public static byte[] Welcome(int version, Dictionary<string, long> resume, long? historyFromMsc = null)
    {
        var frame = new Dictionary<string, object> { ["type"] = "welcome", ["v"] = version, ["resume"] = resume };
        if (historyFromMsc is { } from)
        {
            frame["history_from_msc"] = from;
        }

        return Line(frame);
    }

    /// <summary>
    /// v2: a request for the terminal to send (an MqlTradeRequest): the request id is the core order ticket, the comment
    /// the core's tag, enumerations MT5's numbers (ORDER_TYPE_*, ORDER_FILLING_*, ORDER_TIME_*), times trade-server time
    /// (<paramref name="serverOffsetMs"/> added to UTC).
    /// </summary>
    public static byte[] Order(VenueRequest request, long serverOffsetMs)
    {
        var order = request.Order;
        var frame = new Dictionary<string, object>
        {
            ["type"] = "order",
            ["request_id"] = order.Ticket,
            ["action"] = request.Action switch
            {
                VenueAction.Deal => "deal",
                VenueAction.Pending => "pending",
                VenueAction.Modify => "modify",
                VenueAction.Sltp => "sltp",
                VenueAction.CloseBy => "close_by",
                _ => "remove",
            },
            ["symbol"] = order.Symbol,
            ["order_type"] = (int)order.Type - 1,
            ["volume"] = DecimalMath.Format(order.VolumeCurrent),
            ["type_filling"] = (int)order.Filling - 1,
            ["position"] = request.Mt5PositionId,
            ["magic"] = order.Magic,
            ["comment"] = BridgeTradeFields.Tag(order.Ticket),
        };
        if (request.Action is VenueAction.Modify or VenueAction.Remove)
        {
            frame["order"] = request.Mt5OrderTicket;
        }

        if (request.Action == VenueAction.CloseBy)
        {
            frame["position_by"] = request.Mt5PositionById;
        }

        if (request.Action is VenueAction.Pending or VenueAction.Modify)
        {
            frame["price"] = DecimalMath.Format(order.PriceOpen ?? 0m);
            frame["type_time"] = (int)order.TimeType - 1;
            if (order.StopLimitPrice is { } stopLimit)
            {
                frame["stoplimit"] = DecimalMath.Format(stopLimit);
            }

            if (order.ExpirationTimeMs > 0)
            {
                frame["expiration_msc"] = order.ExpirationTimeMs + serverOffsetMs;
            }
        }
        else if (request.Price is { } price)
        {
            frame["price"] = DecimalMath.Format(price);
            frame["deviation"] = request.DeviationPoints;
        }

        if (order.StopLoss is { } stopLoss)
        {
            frame["sl"] = DecimalMath.Format(stopLoss);
        }

        if (order.TakeProfit is { } takeProfit)
        {
            frame["tp"] = DecimalMath.Format(takeProfit);
        }

        return Line(frame);
    }

    /// <summary>v2: asks the terminal for a reconciliation sweep from <paramref name="historyFromMsc"/> (trade-server time).</summary>
    public static byte[] Sync(long historyFromMsc) =>
        Line(new Dictionary<string, object> { ["type"] = "sync", ["history_from_msc"] = historyFromMsc });

    /// <summary>The last frame of a refused connection: what was wrong.</summary>
    public static byte[] Error(string reason) =>
        Line(new Dictionary<string, object> { ["type"] = "error", ["reason"] = reason });

    private static byte[] Line(Dictionary<string, object> frame) => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(frame) + "\n");
}
