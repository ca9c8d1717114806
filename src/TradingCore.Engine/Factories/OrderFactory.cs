using TradingCore.Engine.Commands;
using TradingCore.Engine.Domain;
using TradingCore.Engine.Rules;

namespace TradingCore.Engine.Factories;

/// <summary>
/// Every order the engine creates starts here, in state STARTED with its whole volume outstanding: a client's
/// request, a close-by, or the server's own close (SL, TP, stop-out). What an order carries by default (fill
/// policy, lifetime, expiry, comments of server orders) is decided in this one place.
/// </summary>
internal static class OrderFactory
{
    /// <summary>
    /// A client's order: the request's fields, the fill policy and lifetime already resolved; a pending order's
    /// expiry computed from its lifetime and its symbol's trading day (none for an unknown symbol, which is refused).
    /// </summary>
    public static Order FromRequest(ulong ticket, OrderRequest request, SymbolSpec? spec, OrderFilling filling, OrderTimeType timeType, string fingerprint, long nowMs)
    {
        var isMarket = request.Type is OrderType.Buy or OrderType.Sell;
        return new Order
        {
            Ticket = ticket,
            AccountId = request.AccountId,
            ClientOrderId = request.ClientOrderId,
            Symbol = request.Symbol,
            Type = request.Type,
            State = OrderState.Started,
            VolumeInitial = request.Volume,
            VolumeCurrent = request.Volume,
            PriceOpen = request.Price,
            StopLimitPrice = request.StopLimitPrice,
            StopLoss = request.StopLoss,
            TakeProfit = request.TakeProfit,
            Filling = filling,
            TimeType = timeType,
            ExpirationTimeMs = isMarket || spec is null ? 0 : OrderExpiry.Of(spec, timeType, request.ExpirationTimeMs, nowMs),
            TimeSetupMs = nowMs,
            Magic = request.Magic,
            Comment = request.Comment,
            PositionTicketRequested = request.PositionTicket,
            Reason = request.Reason,
            RequestFingerprint = fingerprint,
        };
    }

    /// <summary>A close-by of <paramref name="position"/> by <paramref name="opposite"/> for their overlapping volume (fill or kill, GTC).</summary>
    public static Order CloseBy(ulong ticket, ClosePositionByRequest request, Position position, Position opposite, decimal volume, string fingerprint, long nowMs) => new()
    {
        Ticket = ticket,
        AccountId = request.AccountId,
        ClientOrderId = request.ClientOrderId,
        Symbol = position.Symbol,
        Type = OrderType.CloseBy,
        State = OrderState.Started,
        VolumeInitial = volume,
        VolumeCurrent = volume,
        Filling = OrderFilling.Fok,
        TimeType = OrderTimeType.Gtc,
        TimeSetupMs = nowMs,
        Magic = request.Magic,
        Comment = request.Comment,
        PositionId = position.Identifier,
        PositionById = opposite.Identifier,
        PositionTicketRequested = position.Ticket,
        RequestFingerprint = fingerprint,
    };

    /// <summary>
    /// The server's market order closing <paramref name="volume"/> of a position (fill or kill, GTC), with MT5's
    /// comment ("[sl 1.0950]", "[tp ...]", "[stop out]") and a client order id of its own ("auto-stoploss-42").
    /// </summary>
    public static Order ServerClose(ulong ticket, Position position, decimal volume, decimal price, TradeReason reason, long nowMs) => new()
    {
        Ticket = ticket,
        AccountId = position.AccountId,
        ClientOrderId = $"auto-{reason.ToString().ToLowerInvariant()}-{ticket}",
        Symbol = position.Symbol,
        Type = position.IsBuy ? OrderType.Sell : OrderType.Buy,
        State = OrderState.Started,
        VolumeInitial = volume,
        VolumeCurrent = volume,
        PriceOpen = price,
        Filling = OrderFilling.Fok,
        TimeType = OrderTimeType.Gtc,
        TimeSetupMs = nowMs,
        Magic = position.Magic,
        PositionTicketRequested = position.Ticket,
        Reason = reason,
        Comment = reason switch
        {
            TradeReason.StopLoss => $"[sl {DecimalMath.Format(position.StopLoss ?? 0m)}]",
            TradeReason.TakeProfit => $"[tp {DecimalMath.Format(position.TakeProfit ?? 0m)}]",
            _ => "[stop out]",
        },
        RequestFingerprint = $"auto|{reason}|{position.Ticket}",
    };
}
