using Grpc.Core;
using TradingCore.Grpc.Validation;
using TradingCore.Hosting;
using TradingCore.Mapping;
using TradingCore.Symbols;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Grpc;

/// <summary>trading.v1.Positions: open positions with live profit, closes and SL/TP changes through the engine.</summary>
internal sealed class PositionsService(EngineRouter engines, OrderCommands commands, SymbolCatalog catalog) : Wire.Positions.PositionsBase
{
    public override async Task<Wire.ListPositionsResponse> ListPositions(Wire.ListPositionsRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors();
        var accountId = WireReader.AccountId(request.AccountId, errors);
        var symbol = string.IsNullOrEmpty(request.Symbol) ? null : WireReader.Symbol(request.Symbol, catalog, errors);
        errors.ThrowIfAny();
        var positions = await engines.For(accountId).QueryAsync((core, _) => core.ListPositions(accountId, symbol), context.CancellationToken)
            ?? throw Outcomes.NotFound($"account {accountId} does not exist");
        var response = new Wire.ListPositionsResponse();
        response.Positions.AddRange(positions.Select(PositionMapper.ToProto));
        return response;
    }

    public override async Task<Wire.GetPositionResponse> GetPosition(Wire.GetPositionRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors();
        var accountId = WireReader.AccountId(request.AccountId, errors);
        var ticket = WireReader.Ticket(request.PositionTicket, errors, "position_ticket");
        errors.ThrowIfAny();
        var position = await engines.For(accountId).QueryAsync((core, _) => core.GetPosition(accountId, ticket), context.CancellationToken)
            ?? throw Outcomes.NotFound($"position {ticket} is not open on account {accountId}");
        return new Wire.GetPositionResponse { Position = PositionMapper.ToProto(position) };
    }

    public override async Task<Wire.ClosePositionResponse> ClosePosition(Wire.ClosePositionRequest request, ServerCallContext context)
    {
        var close = PositionRequests.Close(request);
        var outcome = Outcomes.Decided(await commands.ClosePositionAsync(close, context.CancellationToken));
        return new Wire.ClosePositionResponse { Result = ResultMapper.ToProto(outcome) };
    }

    public override async Task<Wire.ModifyPositionResponse> ModifyPosition(Wire.ModifyPositionRequest request, ServerCallContext context)
    {
        var modify = PositionRequests.Modify(request);
        var outcome = Outcomes.Decided(await engines.For(modify.AccountId).ExecuteAsync((core, nowMs) => core.ModifyPosition(modify, nowMs), context.CancellationToken));
        return new Wire.ModifyPositionResponse { Result = ResultMapper.ToProto(outcome) };
    }

    public override async Task<Wire.ClosePositionByResponse> ClosePositionBy(Wire.ClosePositionByRequest request, ServerCallContext context)
    {
        var closeBy = PositionRequests.CloseBy(request);
        var outcome = Outcomes.Decided(await commands.ClosePositionByAsync(closeBy, context.CancellationToken));
        return new Wire.ClosePositionByResponse { Result = ResultMapper.ToProto(outcome) };
    }
}
