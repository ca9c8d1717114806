using TradingCore.Engine.Commands;
using TradingCore.Engine.Domain;

namespace TradingCore.Mt5Feed.Bridge;

/// <summary>
/// Protocol v2's trade frames (docs/mt5-bridge-protocol.md): an <c>order_result</c> (MqlTradeResult) and a
/// <c>deal</c> (HistoryDeal* of a deal) read into engine inputs, and the tag that names the core order in MT5's
/// comment. The login is the session's: the parser leaves it 0.
/// </summary>
public static class BridgeTradeFields
{
    /// <summary>The prefix of the core's tag in an MT5 order comment: "tc:" + the core order ticket in base 36.</summary>
    public const string TagPrefix = "tc:";

    private const string Digits36 = "0123456789abcdefghijklmnopqrstuvwxyz";

    /// <summary>The comment that tags a core order in MT5 (at most 16 ASCII characters, within MT5's 31).</summary>
    public static string Tag(ulong orderTicket)
    {
        Span<char> digits = stackalloc char[13];
        var at = digits.Length;
        do
        {
            digits[--at] = Digits36[(int)(orderTicket % 36)];
            orderTicket /= 36;
        }
        while (orderTicket > 0);

        return TagPrefix + new string(digits[at..]);
    }

    /// <summary>The core order ticket a comment's tag names, or 0 when the comment carries no tag.</summary>
    public static ulong TicketOfTag(string comment)
    {
        if (!comment.StartsWith(TagPrefix, StringComparison.Ordinal) || comment.Length == TagPrefix.Length || comment.Length > TagPrefix.Length + 13)
        {
            return 0;
        }

        ulong ticket = 0;
        foreach (var c in comment.AsSpan(TagPrefix.Length))
        {
            var digit = Digits36.IndexOf(c, StringComparison.Ordinal);
            if (digit < 0 || ticket > (ulong.MaxValue - (ulong)digit) / 36)
            {
                return 0;
            }

            ticket = (ticket * 36) + (ulong)digit;
        }

        return ticket;
    }

    internal static VenueResult Result(BridgeFields fields) => new(
        0,
        (ulong)fields.Integer("request_id", 1),
        (TradeRetcode)fields.Integer("retcode", 0, 100_000),
        (ulong)fields.Integer("order", 0),
        fields.OptionalText("comment", 256),
        fields.OptionalDecimal("bid"),
        fields.OptionalDecimal("ask"))
    {
        Volume = fields.OptionalDecimal("volume"),
    };

    internal static VenuePosition Position(BridgeFields fields) => new(
        (ulong)fields.Integer("position", 1),
        fields.Text("symbol", 32),
        fields.Integer("position_type", 0, 1) == 0,
        fields.Decimal("volume", positive: true),
        fields.Decimal("price_open", positive: true))
    {
        StopLoss = Stop(fields, "sl"),
        TakeProfit = Stop(fields, "tp"),
    };

    /// <summary>An SL or TP price: MT5 reports 0 for none (absent: none too).</summary>
    internal static decimal? Stop(BridgeFields fields, string name) => fields.OptionalDecimal(name) is { } price && price > 0m ? price : null;

    /// <summary>A deal, or null for a deal that is not a buy or sell (a balance operation: not mirrored).</summary>
    internal static VenueDeal? Deal(BridgeFields fields)
    {
        var type = fields.Integer("deal_type", 0, 18);
        fields.Integer("time_msc", 0); // checked; the core books the deal at its own clock (MT5's time is server time)
        if (type is not (0 or 1))
        {
            return null; // a balance operation (no volume or price): it reaches the core as the next sweep's balance
        }

        var deal = new VenueDeal
        {
            Login = 0,
            Mt5DealTicket = (ulong)fields.Integer("deal", 1),
            Mt5OrderTicket = (ulong)fields.Integer("order", 0),
            Symbol = fields.Text("symbol", 32),
            IsBuy = type == 0,
            Entry = (DealEntry)(fields.Integer("entry", 0, 3) + 1),
            Volume = fields.Decimal("volume", positive: true),
            Price = fields.Decimal("price", positive: true),
            Mt5PositionId = (ulong)fields.Integer("position", 0),
            Profit = fields.OptionalSignedDecimal("profit") ?? 0m,
            Commission = fields.OptionalSignedDecimal("commission") ?? 0m,
            Swap = fields.OptionalSignedDecimal("swap") ?? 0m,
            Fee = fields.OptionalSignedDecimal("fee") ?? 0m,
            Reason = (TradeReason)(fields.Integer("reason", 0, 9) + 1),
            Magic = (ulong)fields.Integer("magic", 0),
            Comment = fields.OptionalText("comment", 64),
        };
        return deal with { OrderTicket = TicketOfTag(deal.Comment) };
    }
}
