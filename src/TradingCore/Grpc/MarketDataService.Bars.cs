using Grpc.Core;
using TradingCore.Grpc.Validation;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Grpc;

internal sealed partial class MarketDataService
{
    private const int DefaultBarLimit = 1_000;
    private const int MaxBarLimit = 10_000;

    /// <summary>Completed bars from storage, plus the forming bar when it lies in the range; oldest first.</summary>
    public override async Task<Wire.GetBarsResponse> GetBars(Wire.GetBarsRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors();
        var symbol = WireReader.Symbol(request.Symbol, catalog, errors);
        var timeframe = WireReader.Enum(request.Timeframe, errors, "timeframe", allowUnspecified: false);
        if (request.Limit is < 0 or > MaxBarLimit)
        {
            errors.Add("limit", $"must be 0 (default {DefaultBarLimit}) to {MaxBarLimit}");
        }

        WireReader.Time(request.FromTimeMs, errors, "from_time_ms");
        WireReader.Time(request.ToTimeMs, errors, "to_time_ms");
        if (request.ToTimeMs != 0 && request.ToTimeMs <= request.FromTimeMs)
        {
            errors.Add("to_time_ms", "must be after from_time_ms (0 = now)");
        }

        errors.ThrowIfAny();
        var limit = request.Limit == 0 ? DefaultBarLimit : request.Limit;
        var toMs = request.ToTimeMs == 0 ? long.MaxValue : request.ToTimeMs;
        var bars = (await barStore.HistoryAsync(symbol, timeframe, request.FromTimeMs, toMs, limit, context.CancellationToken)).ToList();
        if (aggregator.Forming(symbol, timeframe) is { } forming && forming.TimeMs >= request.FromTimeMs && forming.TimeMs < toMs)
        {
            bars.RemoveAll(bar => bar.TimeMs == forming.TimeMs);
            bars.Add(forming);
            if (bars.Count > limit)
            {
                bars.RemoveAt(0);
            }
        }

        var response = new Wire.GetBarsResponse();
        response.Bars.AddRange(bars);
        return response;
    }

    /// <summary>The forming bar now, then every change: the forming bar on each tick, each bar once more when it closes.</summary>
    public override async Task StreamBars(Wire.StreamBarsRequest request, IServerStreamWriter<Wire.StreamBarsResponse> responseStream, ServerCallContext context)
    {
        var errors = new FieldErrors();
        var symbol = WireReader.Symbol(request.Symbol, catalog, errors);
        var timeframe = WireReader.Enum(request.Timeframe, errors, "timeframe", allowUnspecified: false);
        errors.ThrowIfAny();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        using var subscription = bars.Subscribe(symbol, timeframe);
        await context.WriteResponseHeadersAsync(new Metadata());
        try
        {
            if (aggregator.Forming(symbol, timeframe) is { } forming)
            {
                await responseStream.WriteAsync(new Wire.StreamBarsResponse { Symbol = symbol, Timeframe = timeframe, Bar = forming }, context.CancellationToken);
            }

            await foreach (var update in subscription.ReadAllAsync(stop.Token))
            {
                await responseStream.WriteAsync(new Wire.StreamBarsResponse { Symbol = symbol, Timeframe = timeframe, Bar = update.Bar, Closed = update.Closed }, context.CancellationToken); // see StreamTicks: writes are not cut by shutdown
            }
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "the server is shutting down; reconnect"));
        }
    }
}
