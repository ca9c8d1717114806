using TradingCore.Engine.Domain;

namespace TradingCore.Mt5Feed.Bridge;

/// <summary>
/// Parses one line of the bridge protocol (UTF-8 JSON, see docs/mt5-bridge-protocol.md) into a typed message.
/// Pure: no I/O, no state. Every problem is reported as an error naming the field; nothing throws.
/// </summary>
public static class BridgeFrameParser
{
    /// <summary>The newest protocol version this core speaks (2: order routing); a version 1 peer keeps working.</summary>
    public const int Version = 2;

    /// <summary>The oldest protocol version this core accepts.</summary>
    public const int MinVersion = 1;

    /// <summary>Earliest acceptable tick time (2000-01-01), to catch seconds sent as milliseconds.</summary>
    private const long EarliestTimeMsc = 946_684_800_000;

    /// <summary>Parses one NDJSON frame (without its newline) into a message, or explains why it cannot.</summary>
    public static bool TryParse(ReadOnlySpan<byte> line, out BridgeMessage? message, out string? error)
    {
        message = null;
        var fields = BridgeFields.Read(line, out error);
        if (fields is null)
        {
            return false;
        }

        var type = fields.Text("type", 16);
        message = fields.Error is not null ? null : type switch
        {
            "tick" => new BridgeTick(
                fields.Text("symbol", 32),
                fields.Integer("time_msc", EarliestTimeMsc),
                fields.Decimal("bid", positive: true),
                fields.Decimal("ask", positive: true),
                fields.Decimal("last"),
                fields.Integer("volume", 0),
                (uint)fields.Integer("flags", 0, uint.MaxValue)),
            "heartbeat" => new BridgeHeartbeat(fields.Integer("time_msc", EarliestTimeMsc)),
            "hello" => new BridgeHello(
                (int)fields.Integer("v", 1, 1000),
                fields.Text("secret", 256),
                fields.Integer("login", 1),
                fields.Text("server", 128),
                fields.Text("currency", 8),
                (int)fields.Integer("margin_mode", 0, 2),
                (int)fields.Integer("server_utc_offset_s", -86_400, 86_400),
                fields.OptionalText("terminal"))
            {
                TradeAllowed = !fields.Has("trade_allowed") || fields.OptionalFlag("trade_allowed"),
            },
            "trade_state" => new BridgeTradeState(fields.Integer("trade_allowed", 0, 1) == 1),
            "order_result" => new BridgeOrderResult(BridgeTradeFields.Result(fields)),
            "deal" => new BridgeDeal(BridgeTradeFields.Deal(fields)),
            "position" => new BridgePosition(BridgeTradeFields.Position(fields)),
            "position_update" => new BridgePositionStops((ulong)fields.Integer("position", 1), BridgeTradeFields.Stop(fields, "sl"), BridgeTradeFields.Stop(fields, "tp")),
            "in_flight" => new BridgeInFlight((ulong)fields.Integer("request_id", 1)),
            "open_order" => new BridgeOpenOrder((ulong)fields.Integer("order", 1), BridgeTradeFields.TicketOfTag(fields.OptionalText("comment", 64))),
            "order_state" => new BridgeOrderState(
                (ulong)fields.Integer("order", 1),
                BridgeTradeFields.TicketOfTag(fields.OptionalText("comment", 64)),
                (OrderState)(fields.Integer("state", 0, 9) + 1)),
            "sync_end" => new BridgeSyncEnd(fields.OptionalSignedDecimal("balance") ?? fields.Decimal("balance")),
            "symbol" => new BridgeSymbol(Mt5SymbolMapper.ToSpec(fields)),
            "bye" => new BridgeBye(),
            _ => null,
        };

        if (fields.Error is { } fieldError)
        {
            (message, error) = (null, fieldError);
            return false;
        }

        if (message is null)
        {
            error = $"type: unknown message type '{type}'";
            return false;
        }

        if (message is BridgeTick tick && tick.Ask < tick.Bid)
        {
            (message, error) = (null, "ask: must not be below bid");
            return false;
        }

        return true;
    }
}
