using Grpc.Core;
using TradingCore.Bars;
using TradingCore.Grpc.Validation;
using TradingCore.Mt5Feed.Replay;
using TradingCore.Security;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Grpc;

internal sealed partial class AdminService
{
    public override Task<Wire.ImportBarsResponse> ImportBars(Wire.ImportBarsRequest request, ServerCallContext context)
    {
        var import = BeginImport(request, contentRequired: true);
        Read(() =>
        {
            import.Add(request.Content);
            import.Complete();
        });
        return Task.FromResult(StoreImport(import, context));
    }

    public override async Task<Wire.ImportBarsResponse> ImportBarsStream(IAsyncStreamReader<Wire.ImportBarsRequest> requestStream, ServerCallContext context)
    {
        if (!await requestStream.MoveNext(context.CancellationToken).ConfigureAwait(false))
        {
            throw FieldErrors.Single("symbol", "is required: the first message names the symbol and timeframe");
        }

        var first = requestStream.Current;
        var import = BeginImport(first, contentRequired: false);
        Read(() => import.Add(first.Content));
        while (await requestStream.MoveNext(context.CancellationToken).ConfigureAwait(false))
        {
            var next = requestStream.Current;
            var errors = new FieldErrors();
            if (next.Symbol.Length > 0 && next.Symbol != first.Symbol)
            {
                errors.Add("symbol", $"is {first.Symbol} from the first message; later messages leave it empty");
            }

            if (next.Timeframe != Wire.Timeframe.Unspecified && next.Timeframe != first.Timeframe)
            {
                errors.Add("timeframe", "is set by the first message; later messages leave it unspecified");
            }

            if (next.ServerUtcOffsetS != 0 && next.ServerUtcOffsetS != first.ServerUtcOffsetS)
            {
                errors.Add("server_utc_offset_s", "is set by the first message; later messages leave it 0");
            }

            errors.ThrowIfAny();
            Read(() => import.Add(next.Content));
        }

        Read(import.Complete);
        return StoreImport(import, context);
    }

    private BarImport BeginImport(Wire.ImportBarsRequest request, bool contentRequired)
    {
        var errors = new FieldErrors();
        var symbol = WireReader.Symbol(request.Symbol, catalog, errors);
        var timeframe = WireReader.Enum(request.Timeframe, errors, "timeframe", allowUnspecified: false);
        if (request.ServerUtcOffsetS is < -86_400 or > 86_400)
        {
            errors.Add("server_utc_offset_s", "must be within a day");
        }

        if (contentRequired && string.IsNullOrWhiteSpace(request.Content))
        {
            errors.Add("content", "is required: an MT5 bar export, header first");
        }

        errors.ThrowIfAny();
        return new BarImport(symbol, timeframe, request.ServerUtcOffsetS);
    }

    /// <summary>Runs a step of reading the export; a format problem is INVALID_ARGUMENT on <c>content</c>.</summary>
    private static void Read(Action step)
    {
        try
        {
            step();
        }
        catch (Mt5FormatException error)
        {
            throw FieldErrors.Single("content", error.Message);
        }
    }

    private Wire.ImportBarsResponse StoreImport(BarImport import, ServerCallContext context)
    {
        var bars = import.Bars;
        var response = new Wire.ImportBarsResponse
        {
            Imported = barStore.Import(bars),
            FirstTimeMs = bars.Count > 0 ? bars[0].TimeMs : 0,
            LastTimeMs = bars.Count > 0 ? bars[^1].TimeMs : 0,
        };
        audit.Write(Caller.Of(context).KeyId, nameof(ImportBars), $"bars:{import.Symbol}:{import.Timeframe}", null, response);
        return response;
    }
}
