using TradingCore.Engine.Commands;
using TradingCore.Engine.Domain;
using TradingCore.Hosting;
using TradingCore.Symbols;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Grpc.Validation;

/// <summary>Validates order requests at the edge and maps them to engine commands. Business rules stay in the engine.</summary>
internal static class OrderRequests
{
    public static OrderRequest Submit(Wire.SubmitOrderRequest request, SymbolCatalog catalog, string prefix = "")
    {
        var errors = new FieldErrors(prefix);
        var order = Read(request, catalog, errors);
        errors.ThrowIfAny();
        return order;
    }

    public static OrderRequest Read(Wire.SubmitOrderRequest request, SymbolCatalog catalog, FieldErrors errors)
    {
        var type = WireReader.Enum(request.Type, errors, "type", allowUnspecified: false);
        if (type == Wire.OrderType.CloseBy)
        {
            errors.Add("type", "CLOSE_BY orders go through Positions.ClosePositionBy");
        }

        var isPending = type is not (Wire.OrderType.Buy or Wire.OrderType.Sell);
        var isStopLimit = type is Wire.OrderType.BuyStopLimit or Wire.OrderType.SellStopLimit;
        var timeType = WireReader.Enum(request.TimeType, errors, "time_type", allowUnspecified: true);
        var price = isPending
            ? WireReader.RequiredPrice(request.Price, errors, "price")
            : WireReader.OptionalPrice(request.Price, errors, "price");
        decimal? stopLimit = null;
        if (isStopLimit)
        {
            stopLimit = WireReader.RequiredPrice(request.StopLimitPrice, errors, "stop_limit_price");
        }
        else if (request.StopLimitPrice is not null)
        {
            errors.Add("stop_limit_price", "is only for BUY_STOP_LIMIT and SELL_STOP_LIMIT orders");
        }

        if (timeType is Wire.OrderTimeType.Specified or Wire.OrderTimeType.SpecifiedDay && request.ExpirationTimeMs <= 0)
        {
            errors.Add("expiration_time_ms", "is required for SPECIFIED and SPECIFIED_DAY orders");
        }
        else
        {
            WireReader.Time(request.ExpirationTimeMs, errors, "expiration_time_ms");
        }

        if (request.DeviationPoints > 1_000_000)
        {
            errors.Add("deviation_points", "must be at most 1000000");
        }

        var filling = WireReader.Enum(request.Filling, errors, "filling", allowUnspecified: true);
        return new OrderRequest
        {
            AccountId = WireReader.AccountId(request.AccountId, errors, "account_id"),
            ClientOrderId = WireReader.ClientOrderId(request.ClientOrderId, errors, "client_order_id"),
            Symbol = WireReader.Symbol(request.Symbol, catalog, errors, "symbol"),
            Type = (OrderType)(int)type,
            Volume = WireReader.RequiredVolume(request.Volume, errors, "volume"),
            Price = price == 0m && isPending ? null : price,
            StopLimitPrice = stopLimit,
            StopLoss = WireReader.OptionalPrice(request.StopLoss, errors, "stop_loss"),
            TakeProfit = WireReader.OptionalPrice(request.TakeProfit, errors, "take_profit"),
            DeviationPoints = request.DeviationPoints,
            Filling = filling == Wire.OrderFilling.Unspecified ? null : (OrderFilling)(int)filling,
            TimeType = timeType == Wire.OrderTimeType.Unspecified ? null : (OrderTimeType)(int)timeType,
            ExpirationTimeMs = request.ExpirationTimeMs,
            Magic = request.Magic,
            Comment = WireReader.Comment(request.Comment, errors, "comment"),
            PositionTicket = request.PositionTicket,
        };
    }

    public static ModifyOrderRequest Modify(Wire.ModifyOrderRequest request, string prefix = "")
    {
        var errors = new FieldErrors(prefix);
        var timeType = WireReader.Enum(request.TimeType, errors, "time_type", allowUnspecified: true);
        if (timeType is Wire.OrderTimeType.Specified or Wire.OrderTimeType.SpecifiedDay && request.ExpirationTimeMs <= 0)
        {
            errors.Add("expiration_time_ms", "is required for SPECIFIED and SPECIFIED_DAY orders");
        }
        else
        {
            WireReader.Time(request.ExpirationTimeMs, errors, "expiration_time_ms");
        }

        var modify = new ModifyOrderRequest
        {
            AccountId = WireReader.AccountId(request.AccountId, errors, "account_id"),
            OrderTicket = WireReader.Ticket(request.OrderTicket, errors, "order_ticket"),
            Price = WireReader.RequiredPrice(request.Price, errors, "price"),
            StopLimitPrice = WireReader.OptionalPrice(request.StopLimitPrice, errors, "stop_limit_price"),
            StopLoss = WireReader.OptionalPrice(request.StopLoss, errors, "stop_loss"),
            TakeProfit = WireReader.OptionalPrice(request.TakeProfit, errors, "take_profit"),
            TimeType = timeType == Wire.OrderTimeType.Unspecified ? null : (OrderTimeType)(int)timeType,
            ExpirationTimeMs = request.ExpirationTimeMs,
        };
        errors.ThrowIfAny();
        return modify;
    }

    public static CancelOrderRequest Cancel(Wire.CancelOrderRequest request, string prefix = "")
    {
        var errors = new FieldErrors(prefix);
        var accountId = WireReader.AccountId(request.AccountId, errors, "account_id");
        RequireTicketOrClientId(request.OrderTicket, request.ClientOrderId, errors);
        errors.ThrowIfAny();
        return new CancelOrderRequest { AccountId = accountId, OrderTicket = request.OrderTicket, ClientOrderId = request.ClientOrderId };
    }

    /// <summary>Exactly one of order_ticket and client_order_id identifies an order.</summary>
    public static void RequireTicketOrClientId(ulong ticket, string clientOrderId, FieldErrors errors)
    {
        if (ticket == 0 && string.IsNullOrEmpty(clientOrderId))
        {
            errors.Add("order_ticket", "give order_ticket or client_order_id");
        }
        else if (ticket != 0 && !string.IsNullOrEmpty(clientOrderId))
        {
            errors.Add("client_order_id", "give order_ticket or client_order_id, not both");
        }
        else if (ticket == 0)
        {
            WireReader.ClientOrderId(clientOrderId, errors, "client_order_id");
        }
    }
}
