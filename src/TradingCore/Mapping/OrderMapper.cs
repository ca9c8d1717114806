using TradingCore.Engine.Domain;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Mapping;

/// <summary>Orders to the wire. Engine and contract enums share their numbers, so enum casts are exact (tested).</summary>
internal static class OrderMapper
{
    public static Wire.Order ToProto(Order order) => new()
    {
        Ticket = order.Ticket,
        AccountId = order.AccountId,
        ClientOrderId = order.ClientOrderId,
        Symbol = order.Symbol,
        Type = (Wire.OrderType)(int)order.Type,
        State = (Wire.OrderState)(int)order.State,
        VolumeInitial = Wire.Decimal.FromDecimal(order.VolumeInitial),
        VolumeCurrent = Wire.Decimal.FromDecimal(order.VolumeCurrent),
        PriceOpen = Wire.Decimal.FromDecimal(order.PriceOpen),
        StopLimitPrice = Wire.Decimal.FromDecimal(order.StopLimitPrice),
        StopLoss = Wire.Decimal.FromDecimal(order.StopLoss),
        TakeProfit = Wire.Decimal.FromDecimal(order.TakeProfit),
        Filling = (Wire.OrderFilling)(int)order.Filling,
        TimeType = (Wire.OrderTimeType)(int)order.TimeType,
        ExpirationTimeMs = order.ExpirationTimeMs,
        TimeSetupMs = order.TimeSetupMs,
        TimeDoneMs = order.TimeDoneMs,
        Magic = order.Magic,
        Comment = order.Comment,
        PositionId = order.PositionId,
        PositionById = order.PositionById,
        Reason = (Wire.TradeReason)(int)order.Reason,
        Retcode = order.State == OrderState.Rejected ? (Wire.TradeRetcode)(int)order.Retcode : Wire.TradeRetcode.Unspecified,
        PriceFilled = Wire.Decimal.FromDecimal(order.PriceFilled),
        Mt5OrderTicket = order.Mt5OrderTicket,
        RetcodeMessage = order.RetcodeMessage,
    };
}
