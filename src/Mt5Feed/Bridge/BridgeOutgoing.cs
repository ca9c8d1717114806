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
    /// v2: an order for the terminal to send (MqlTradeRequest, action DEAL): the request id is the core order ticket,
    /// the comment the core's tag, the filling MT5's ORDER_FILLING_* number.
    /// </summary>
    public static byte[] Order(VenueRequest request)
    {
        var order = request.Order;
        var frame = new Dictionary<string, object>
        {
            ["type"] = "order",
            ["request_id"] = order.Ticket,
            ["action"] = "deal",
            ["symbol"] = order.Symbol,
            ["order_type"] = order.IsBuy ? 0 : 1,
            ["volume"] = DecimalMath.Format(order.VolumeInitial),
            ["type_filling"] = (int)order.Filling - 1,
            ["position"] = request.Mt5PositionId,
            ["magic"] = order.Magic,
            ["comment"] = BridgeTradeFields.Tag(order.Ticket),
        };
        if (request.Price is { } price)
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
