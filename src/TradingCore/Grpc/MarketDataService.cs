using Grpc.Core;
using Microsoft.Extensions.Options;
using TradingCore.Configuration;
using TradingCore.Grpc.Validation;
using TradingCore.Hosting;
using TradingCore.Mapping;
using TradingCore.Streaming;
using TradingCore.Symbols;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Grpc;

/// <summary>
/// trading.v1.MarketData: symbol specs from the catalog, latest ticks from the tick hub, tick streams that start
/// with a snapshot, then live ticks through the subscriber's own bounded buffer; bars (MarketDataService.Bars.cs).
/// </summary>
internal sealed partial class MarketDataService(
    SymbolCatalog catalog,
    TickHub ticks,
    Feeds.FeedMonitor feeds,
    Bars.BarStore barStore,
    Bars.BarHub bars,
    Bars.BarAggregator aggregator,
    IOptions<TradingCoreOptions> options,
    IHostApplicationLifetime lifetime,
    Diagnostics.TradingCoreMetrics metrics)
    : Wire.MarketData.MarketDataBase
{
    /// <summary>A tick stream's write while more messages wait: buffered, flushed with the burst's last one.</summary>
    private static readonly WriteOptions BufferedWrite = new(WriteFlags.BufferHint);

    public override Task<Wire.ListSymbolsResponse> ListSymbols(Wire.ListSymbolsRequest request, ServerCallContext context)
    {
        var response = new Wire.ListSymbolsResponse();
        response.Symbols.AddRange(catalog.All.Select(SymbolMapper.ToProto));
        return Task.FromResult(response);
    }

    public override Task<Wire.GetSymbolResponse> GetSymbol(Wire.GetSymbolRequest request, ServerCallContext context)
    {
        if (!Engine.Domain.SymbolNames.IsValid(request.Symbol))
        {
            throw FieldErrors.Single("symbol", string.IsNullOrEmpty(request.Symbol) ? "is required" : Engine.Domain.SymbolNames.Rule);
        }

        return catalog.TryGet(request.Symbol, out var spec)
            ? Task.FromResult(new Wire.GetSymbolResponse { Symbol = SymbolMapper.ToProto(spec) })
            : throw Outcomes.NotFound($"unknown symbol '{request.Symbol}'");
    }

    public override Task<Wire.GetLastTicksResponse> GetLastTicks(Wire.GetLastTicksRequest request, ServerCallContext context)
    {
        var symbols = RequestedSymbols(request.Symbols);
        var response = new Wire.GetLastTicksResponse();
        foreach (var symbol in symbols ?? catalog.All.Select(spec => spec.Name))
        {
            if (ticks.TryGetLast(symbol, out var tick))
            {
                response.Ticks.Add(tick);
            }
        }

        return Task.FromResult(response);
    }

    public override async Task StreamTicks(Wire.StreamTicksRequest request, IServerStreamWriter<Wire.StreamTicksResponse> responseStream, ServerCallContext context)
    {
        var symbols = RequestedSymbols(request.Symbols);
        var errors = new FieldErrors();
        var policy = WireReader.Enum(request.Policy, errors, "policy", allowUnspecified: true);
        var streams = options.Value.Streams;
        if (request.BufferSize > streams.MaxTickBuffer)
        {
            errors.Add("buffer_size", $"must be at most {streams.MaxTickBuffer}");
        }

        var resume = new Dictionary<string, ulong>(StringComparer.Ordinal);
        if (request.Resume.Count > options.Value.Auth.MaxSymbolsPerSubscription)
        {
            errors.Add("resume", $"at most {options.Value.Auth.MaxSymbolsPerSubscription} symbols");
        }
        else
        {
            for (var index = 0; index < request.Resume.Count; index++)
            {
                resume[WireReader.Symbol(request.Resume[index].Symbol, catalog, errors, $"resume[{index}].symbol")] = request.Resume[index].Sequence;
            }
        }

        errors.ThrowIfAny();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        var capacity = request.BufferSize == 0 ? streams.DefaultTickBuffer : (int)request.BufferSize;
        using var subscription = ticks.Subscribe(symbols, policy, capacity, Security.Caller.Of(context).KeyId);
        // A gRPC call's live ticks go out as the frame encoded once for every subscriber, written to the response
        // body; HTTP/JSON transcoding formats each message itself.
        var http = context.GetHttpContext();
        var protobuf = http.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;
        var stream = new TickStreamWriter(responseStream, protobuf ? http.Response.BodyWriter : null);
        try
        {
            await context.WriteResponseHeadersAsync(new Metadata());
            // Writes take the call's token, never the shutdown one: grpc-dotnet resets a stream whose write is
            // cancelled mid-message (the client would see CANCELLED). Shutdown is observed between writes.
            var write = context.CancellationToken;
            await stream.WriteSnapshotAsync(symbols ?? [.. catalog.All.Select(spec => spec.Name)], ticks, resume, write);
            foreach (var (symbol, state) in feeds.Symbols.Where(entry => entry.State != Mt5Feed.FeedState.Connected && (symbols is null || symbols.Contains(entry.Symbol))))
            {
                // A subscriber learns at once which of its symbols are stale, not only when they change.
                await stream.WriteLiveAsync(new Wire.StreamTicksResponse { Status = FeedStatusMapper.ToProto(symbol, state, "current state", timeMs: 0) }, flush: true, write);
            }

            var unflushed = false;
            var slowest = -1L;
            await foreach (var delivery in subscription.ReadAllAsync(stop.Token))
            {
                // While more waits, the transport gathers the writes: one flush (one send) for a burst of ticks
                // rather than one per tick per subscriber. The last message of a burst is always flushed.
                // (HTTP/JSON transcoding has no write options, and answered INTERNAL at the first live tick when set.)
                var more = protobuf && subscription.HasWaiting;
                if (protobuf)
                {
                    context.WriteOptions = more ? BufferedWrite : null;
                }

                if (await stream.WriteLiveAsync(delivery.Response, flush: !more, write))
                {
                    unflushed = more;
                }
                else if (unflushed && !more)
                {
                    await http.Response.BodyWriter.FlushAsync(write);
                    unflushed = false;
                }

                // One latency sample per burst, its slowest tick: at a tick per burst (a live rate) that is every
                // tick; under a flood one histogram update per burst instead of one per tick per subscriber.
                if (delivery.Published != 0)
                {
                    slowest = Math.Max(slowest, System.Diagnostics.Stopwatch.GetTimestamp() - delivery.Published);
                }

                if (!more && slowest >= 0)
                {
                    metrics.TickWritten(slowest);
                    slowest = -1;
                }
            }
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "the server is shutting down; reconnect to resume"));
        }

        if (subscription.Overflowed)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, $"the tick buffer of {capacity} filled up (policy DISCONNECT)"));
        }
    }

    /// <summary>The requested symbols (null = all), each checked against the catalog.</summary>
    private HashSet<string>? RequestedSymbols(IReadOnlyList<string> requested)
    {
        if (requested.Count == 0)
        {
            return null;
        }

        var errors = new FieldErrors();
        var limit = options.Value.Auth.MaxSymbolsPerSubscription;
        if (requested.Count > limit)
        {
            throw FieldErrors.Single("symbols", $"at most {limit} symbols per request");
        }

        var set = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < requested.Count; index++)
        {
            set.Add(WireReader.Symbol(requested[index], catalog, errors, $"symbols[{index}]"));
        }

        errors.ThrowIfAny();
        return set;
    }
}
