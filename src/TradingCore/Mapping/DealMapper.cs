using TradingCore.Engine.Domain;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Mapping;

/// <summary>Deals to the wire.</summary>
internal static class DealMapper
{
    public static Wire.Deal ToProto(Deal deal) => new()
    {
        Ticket = deal.Ticket,
        OrderTicket = deal.OrderTicket,
        AccountId = deal.AccountId,
        Symbol = deal.Symbol,
        Type = (Wire.DealType)(int)deal.Type,
        Entry = (Wire.DealEntry)(int)deal.Entry,
        Volume = Wire.Decimal.FromDecimal(deal.Volume),
        Price = Wire.Decimal.FromDecimal(deal.Price),
        Profit = Wire.Decimal.FromDecimal(deal.Profit),
        Commission = Wire.Decimal.FromDecimal(deal.Commission),
        Swap = Wire.Decimal.FromDecimal(deal.Swap),
        Fee = Wire.Decimal.FromDecimal(deal.Fee),
        PositionId = deal.PositionId,
        TimeMs = deal.TimeMs,
        Magic = deal.Magic,
        Comment = deal.Comment,
        Reason = (Wire.TradeReason)(int)deal.Reason,
        ClientOrderId = deal.ClientOrderId,
        StopLoss = Wire.Decimal.FromDecimal(deal.StopLoss),
        TakeProfit = Wire.Decimal.FromDecimal(deal.TakeProfit),
        Mt5DealTicket = deal.Mt5DealTicket,
    };
}
