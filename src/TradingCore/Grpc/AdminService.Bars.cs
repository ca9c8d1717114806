using Grpc.Core;
using TradingCore.Grpc.Validation;
using TradingCore.Mt5Feed.Replay;
using TradingCore.Persistence.Entities;
using TradingCore.Security;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Grpc;

internal sealed partial class AdminService
{
    public override Task<Wire.ImportBarsResponse> ImportBars(Wire.ImportBarsRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors();
        var symbol = WireReader.Symbol(request.Symbol, catalog, errors);
        var timeframe = WireReader.Enum(request.Timeframe, errors, "timeframe", allowUnspecified: false);
        if (request.ServerUtcOffsetS is < -86_400 or > 86_400)
        {
            errors.Add("server_utc_offset_s", "must be within a day");
        }

        if (string.IsNullOrWhiteSpace(request.Content))
        {
            errors.Add("content", "is required: an MT5 bar export, header first");
        }

        errors.ThrowIfAny();
        List<BarEntity> rows;
        try
        {
            using var reader = new StringReader(request.Content);
            rows = [.. BarExportReader.Read(reader).Select(bar => new BarEntity
            {
                Symbol = symbol,
                Timeframe = (int)timeframe,
                TimeMs = bar.ServerTimeMs - (request.ServerUtcOffsetS * 1000L),
                Open = bar.Open,
                High = bar.High,
                Low = bar.Low,
                Close = bar.Close,
                TickVolume = bar.TickVolume,
                RealVolume = bar.Volume,
                Spread = bar.SpreadPoints,
            })];
        }
        catch (Mt5FormatException error)
        {
            throw FieldErrors.Single("content", error.Message);
        }

        if (rows.FindIndex(row => !Engine.Domain.ValueRanges.IsTime(row.TimeMs)) is var outside and >= 0)
        {
            throw FieldErrors.Single("content", $"bar {outside + 1}: its open time in UTC {Engine.Domain.ValueRanges.TimeRule}");
        }

        var imported = barStore.Import(rows);
        var response = new Wire.ImportBarsResponse
        {
            Imported = imported,
            FirstTimeMs = rows.Count > 0 ? rows[0].TimeMs : 0,
            LastTimeMs = rows.Count > 0 ? rows[^1].TimeMs : 0,
        };
        audit.Write(Caller.Of(context).KeyId, nameof(ImportBars), $"bars:{symbol}:{timeframe}", null, response);
        return Task.FromResult(response);
    }
}
