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
        var errors = new FieldErrors();
        var order = Read(request, catalog, errors, prefix);
        errors.ThrowIfAny();
        return order;
    }

    public static OrderRequest Read(Wire.SubmitOrderRequest request, SymbolCatalog catalog, FieldErrors errors, string prefix)
    {
        var type = WireReader.Enum(request.Type, errors, prefix + "type", allowUnspecified: false);
        if (type == Wire.OrderType.CloseBy)
        {
            errors.Add(prefix + "type", "CLOSE_BY orders go through Positions.ClosePositionBy");
        }

        var isPending = type is not (Wire.OrderType.Buy or Wire.OrderType.Sell);
        var isStopLimit = type is Wire.OrderType.BuyStopLimit or Wire.OrderType.SellStopLimit;
        var timeType = WireReader.Enum(request.TimeType, errors, prefix + "time_type", allowUnspecified: true);
        var price = isPending
            ? WireReader.RequiredPrice(request.Price, errors, prefix + "price")
            : WireReader.OptionalPrice(request.Price, errors, prefix + "price");
        decimal? stopLimit = null;
        if (isStopLimit)
        {
            stopLimit = WireReader.RequiredPrice(request.StopLimitPrice, errors, prefix + "stop_limit_price");
        }
        else if (request.StopLimitPrice is not null)
        {
            errors.Add(prefix + "stop_limit_price", "is only for BUY_STOP_LIMIT and SELL_STOP_LIMIT orders");
        }

        if (timeType is Wire.OrderTimeType.Specified or Wire.OrderTimeType.SpecifiedDay && request.ExpirationTimeMs <= 0)
        {
            errors.Add(prefix + "expiration_time_ms", "is required for SPECIFIED and SPECIFIED_DAY orders");
        }
        else
        {
            WireReader.Time(request.ExpirationTimeMs, errors, prefix + "expiration_time_ms");
        }

        if (request.DeviationPoints > 1_000_000)
        {
            errors.Add(prefix + "deviation_points", "must be at most 1000000");
        }

        var filling = WireReader.Enum(request.Filling, errors, prefix + "filling", allowUnspecified: true);
        return new OrderRequest
        {
            AccountId = WireReader.AccountId(request.AccountId, errors, prefix + "account_id"),
            ClientOrderId = WireReader.ClientOrderId(request.ClientOrderId, errors, prefix + "client_order_id"),
            Symbol = WireReader.Symbol(request.Symbol, catalog, errors, prefix + "symbol"),
            Type = (OrderType)(int)type,
            Volume = WireReader.RequiredVolume(request.Volume, errors, prefix + "volume"),
            Price = price == 0m && isPending ? null : price,
            StopLimitPrice = stopLimit,
            StopLoss = WireReader.OptionalPrice(request.StopLoss, errors, prefix + "stop_loss"),
            TakeProfit = WireReader.OptionalPrice(request.TakeProfit, errors, prefix + "take_profit"),
            DeviationPoints = request.DeviationPoints,
            Filling = filling == Wire.OrderFilling.Unspecified ? null : (OrderFilling)(int)filling,
            TimeType = timeType == Wire.OrderTimeType.Unspecified ? null : (OrderTimeType)(int)timeType,
            ExpirationTimeMs = request.ExpirationTimeMs,
            Magic = request.Magic,
            Comment = WireReader.Comment(request.Comment, errors, prefix + "comment"),
            PositionTicket = request.PositionTicket,
        };
    }

    public static ModifyOrderRequest Modify(Wire.ModifyOrderRequest request, string prefix = "")
    {
        var errors = new FieldErrors();
        var timeType = WireReader.Enum(request.TimeType, errors, prefix + "time_type", allowUnspecified: true);
        if (timeType is Wire.OrderTimeType.Specified or Wire.OrderTimeType.SpecifiedDay && request.ExpirationTimeMs <= 0)
        {
            errors.Add(prefix + "expiration_time_ms", "is required for SPECIFIED and SPECIFIED_DAY orders");
        }
        else
        {
            WireReader.Time(request.ExpirationTimeMs, errors, prefix + "expiration_time_ms");
        }

        var modify = new ModifyOrderRequest
        {
            AccountId = WireReader.AccountId(request.AccountId, errors, prefix + "account_id"),
            OrderTicket = WireReader.Ticket(request.OrderTicket, errors, prefix + "order_ticket"),
            Price = WireReader.RequiredPrice(request.Price, errors, prefix + "price"),
            StopLimitPrice = WireReader.OptionalPrice(request.StopLimitPrice, errors, prefix + "stop_limit_price"),
            StopLoss = WireReader.OptionalPrice(request.StopLoss, errors, prefix + "stop_loss"),
            TakeProfit = WireReader.OptionalPrice(request.TakeProfit, errors, prefix + "take_profit"),
            TimeType = timeType == Wire.OrderTimeType.Unspecified ? null : (OrderTimeType)(int)timeType,
            ExpirationTimeMs = request.ExpirationTimeMs,
        };
        errors.ThrowIfAny();
        return modify;
    }

    public static CancelOrderRequest Cancel(Wire.CancelOrderRequest request, string prefix = "")
    {
        var errors = new FieldErrors();
        var accountId = WireReader.AccountId(request.AccountId, errors, prefix + "account_id");
        RequireTicketOrClientId(request.OrderTicket, request.ClientOrderId, errors, prefix);
        errors.ThrowIfAny();
        return new CancelOrderRequest { AccountId = accountId, OrderTicket = request.OrderTicket, ClientOrderId = request.ClientOrderId };
    }

    /// <summary>Exactly one of order_ticket and client_order_id identifies an order.</summary>
    public static void RequireTicketOrClientId(ulong ticket, string clientOrderId, FieldErrors errors, string prefix = "")
    {
        if (ticket == 0 && string.IsNullOrEmpty(clientOrderId))
        {
            errors.Add(prefix + "order_ticket", "give order_ticket or client_order_id");
        }
        else if (ticket != 0 && !string.IsNullOrEmpty(clientOrderId))
        {
            errors.Add(prefix + "client_order_id", "give order_ticket or client_order_id, not both");
        }
        else if (ticket == 0)
        {
            WireReader.ClientOrderId(clientOrderId, errors, prefix + "client_order_id");
        }
    }
}
