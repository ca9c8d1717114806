using TradingCore.Engine.Core;
using TradingCore.Engine.Domain;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Mapping;

/// <summary>Positions to the wire.</summary>
internal static class PositionMapper
{
    /// <summary>A position with its live figures; profit (and price_current without a quote) absent when it cannot be valued.</summary>
    public static Wire.Position ToProto(PositionView view)
    {
        var position = ToProto(view.Position, view.PriceCurrent, view.Pricing == PriceState.Missing ? null : view.Profit);
        position.PriceState = AccountMapper.PriceStateOf(view.Pricing);
        return position;
    }

    /// <summary>A position as an event carries it (live figures only when given).</summary>
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
        Swap = Wire.Decimal.FromDecimal(position.Swap),
        TimeMs = position.TimeMs,
        TimeUpdateMs = position.TimeUpdateMs,
        Magic = position.Magic,
        Comment = position.Comment,
        Mt5PositionId = position.Mt5PositionId,
    };
}
