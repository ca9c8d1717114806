using TradingCore.Engine.Commands;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Grpc.Validation;

/// <summary>Validates position requests at the edge and maps them to engine commands.</summary>
internal static class PositionRequests
{
    public static ClosePositionRequest Close(Wire.ClosePositionRequest request)
    {
        var errors = new FieldErrors();
        var close = new ClosePositionRequest
        {
            AccountId = WireReader.AccountId(request.AccountId, errors),
            PositionTicket = WireReader.Ticket(request.PositionTicket, errors, "position_ticket"),
            Volume = WireReader.OptionalVolume(request.Volume, errors, "volume"),
            ClientOrderId = WireReader.ClientOrderId(request.ClientOrderId, errors),
            DeviationPoints = request.DeviationPoints,
            Price = WireReader.OptionalPrice(request.Price, errors, "price"),
            Magic = request.Magic,
            Comment = WireReader.Comment(request.Comment, errors),
        };
        if (request.DeviationPoints > 1_000_000)
        {
            errors.Add("deviation_points", "must be at most 1000000");
        }

        errors.ThrowIfAny();
        return close;
    }

    public static ModifyPositionRequest Modify(Wire.ModifyPositionRequest request)
    {
        var errors = new FieldErrors();
        var modify = new ModifyPositionRequest
        {
            AccountId = WireReader.AccountId(request.AccountId, errors),
            PositionTicket = WireReader.Ticket(request.PositionTicket, errors, "position_ticket"),
            StopLoss = WireReader.OptionalPrice(request.StopLoss, errors, "stop_loss"),
            TakeProfit = WireReader.OptionalPrice(request.TakeProfit, errors, "take_profit"),
        };
        errors.ThrowIfAny();
        return modify;
    }

    public static ClosePositionByRequest CloseBy(Wire.ClosePositionByRequest request)
    {
        var errors = new FieldErrors();
        var closeBy = new ClosePositionByRequest
        {
            AccountId = WireReader.AccountId(request.AccountId, errors),
            PositionTicket = WireReader.Ticket(request.PositionTicket, errors, "position_ticket"),
            OppositePositionTicket = WireReader.Ticket(request.OppositePositionTicket, errors, "opposite_position_ticket"),
            ClientOrderId = WireReader.ClientOrderId(request.ClientOrderId, errors),
            Magic = request.Magic,
            Comment = WireReader.Comment(request.Comment, errors),
        };
        if (request.PositionTicket != 0 && request.PositionTicket == request.OppositePositionTicket)
        {
            errors.Add("opposite_position_ticket", "must differ from position_ticket");
        }

        errors.ThrowIfAny();
        return closeBy;
    }
}
