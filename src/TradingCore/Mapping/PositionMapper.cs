using TradingCore.Engine.Core;
using TradingCore.Engine.Domain;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Mapping;

/// <summary>Positions to the wire.</summary>
internal static class PositionMapper
{
    public static Wire.Position ToProto(PositionView view) => ToProto(view.Position, view.PriceCurrent, view.Profit);

    public static Wire.Position ToProto(Position position, decimal? priceCurrent, decimal? profit) => new()
    {
        Ticket = position.Ticket,
        Identifier = position.Identifier,
        AccountId = position.AccountId,
        Symbol = position.Symbol,
        Type = (Wire.PositionType)(int)position.Type,
        Volume = Wire.Decimal.FromDecimal(position.Volume),
        PriceOpen = Wire.Decimal.FromDecimal(position.PriceOpen),
        PriceCurrent = Wire.Decimal.FromDecimal(priceCurrent),
        StopLoss = Wire.Decimal.FromDecimal(position.StopLoss),
        TakeProfit = Wire.Decimal.FromDecimal(position.TakeProfit),
        Profit = Wire.Decimal.FromDecimal(profit),
        Swap = Wire.Decimal.FromDecimal(0m),
        TimeMs = position.TimeMs,
        TimeUpdateMs = position.TimeUpdateMs,
        Magic = position.Magic,
        Comment = position.Comment,
    };
}
