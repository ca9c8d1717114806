using TradingCore.Engine.Commands;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Mapping;

/// <summary>Engine outcomes to wire results.</summary>
internal static class ResultMapper
{
    public static Wire.TradeResult ToProto(TradeOutcome outcome) => new()
    {
        Retcode = (Wire.TradeRetcode)(int)outcome.Retcode,
        Message = outcome.Message,
        OrderTicket = outcome.Order?.Ticket ?? 0,
        DealTicket = outcome.DealTicket,
        Volume = Wire.Decimal.FromDecimal(outcome.Volume),
        Price = Wire.Decimal.FromDecimal(outcome.Price),
        Bid = Wire.Decimal.FromDecimal(outcome.Bid),
        Ask = Wire.Decimal.FromDecimal(outcome.Ask),
        ClientOrderId = outcome.ClientOrderId,
        Duplicate = outcome.Duplicate,
        Sequence = outcome.Sequence,
        FirstSequence = outcome.FirstSequence,
        PositionTicket = outcome.PositionTicket,
    };
}
