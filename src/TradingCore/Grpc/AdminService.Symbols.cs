using Grpc.Core;
using TradingCore.Engine.Loop;
using TradingCore.Grpc.Validation;
using TradingCore.Hosting;
using TradingCore.Mapping;
using TradingCore.Security;
using TradingCore.Symbols;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Grpc;

internal sealed partial class AdminService
{
    public override Task<Wire.AdminListSymbolsResponse> ListSymbols(Wire.AdminListSymbolsRequest request, ServerCallContext context)
    {
        var response = new Wire.AdminListSymbolsResponse();
        response.Symbols.AddRange(catalog.Entries.Select(ToWire));
        return Task.FromResult(response);
    }

    public override async Task<Wire.UpsertSymbolResponse> UpsertSymbol(Wire.UpsertSymbolRequest request, ServerCallContext context)
    {
        var spec = SymbolRequests.Spec(request.Spec);
        var (before, after) = catalog.Upsert(spec, time.GetUtcNow().ToUnixTimeMilliseconds());
        await engine.ExecuteAsync((core, nowMs) => { core.UpsertSymbol(after.Effective, nowMs); return true; }, context.CancellationToken);
        var wire = ToWire(after);
        audit.Write(Caller.Of(context).KeyId, nameof(UpsertSymbol), $"symbol:{spec.Name}", before is null ? null : ToWire(before), wire);
        return new Wire.UpsertSymbolResponse { Symbol = wire };
    }

    public override async Task<Wire.SetSymbolEnabledResponse> SetSymbolEnabled(Wire.SetSymbolEnabledRequest request, ServerCallContext context)
    {
        if (!Engine.Domain.SymbolNames.IsValid(request.Symbol))
        {
            throw FieldErrors.Single("symbol", string.IsNullOrEmpty(request.Symbol) ? "is required" : Engine.Domain.SymbolNames.Rule);
        }

        var (before, after) = catalog.SetEnabled(request.Symbol, request.Enabled, time.GetUtcNow().ToUnixTimeMilliseconds())
            ?? throw Outcomes.NotFound($"unknown symbol '{request.Symbol}'");
        await engine.ExecuteAsync((core, nowMs) => { core.UpsertSymbol(after.Effective, nowMs); return true; }, context.CancellationToken);
        var wire = ToWire(after);
        audit.Write(Caller.Of(context).KeyId, nameof(SetSymbolEnabled), $"symbol:{request.Symbol}", ToWire(before), wire);
        return new Wire.SetSymbolEnabledResponse { Symbol = wire };
    }

    public override Task<Wire.ReleaseSymbolResponse> ReleaseSymbol(Wire.ReleaseSymbolRequest request, ServerCallContext context)
    {
        if (!Engine.Domain.SymbolNames.IsValid(request.Symbol))
        {
            throw FieldErrors.Single("symbol", string.IsNullOrEmpty(request.Symbol) ? "is required" : Engine.Domain.SymbolNames.Rule);
        }

        var (before, after) = catalog.Release(request.Symbol, time.GetUtcNow().ToUnixTimeMilliseconds())
            ?? throw Outcomes.NotFound($"unknown symbol '{request.Symbol}'");
        var wire = ToWire(after);
        audit.Write(Caller.Of(context).KeyId, nameof(ReleaseSymbol), $"symbol:{request.Symbol}", ToWire(before), wire);
        return Task.FromResult(new Wire.ReleaseSymbolResponse { Symbol = wire });
    }

    private static Wire.AdminSymbol ToWire(CatalogEntry entry) => new() { Spec = SymbolMapper.ToProto(entry.Spec), Enabled = entry.Enabled, OperatorPinned = entry.Pinned };
}
