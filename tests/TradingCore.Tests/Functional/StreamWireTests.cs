using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TradingCore.Contracts.V1;

namespace TradingCore.Tests;

/// <summary>
/// What the server streams put on the wire. Over HTTP/JSON (newline-delimited JSON from gRPC JSON transcoding) live
/// messages arrive whole: the live tick path once answered INTERNAL at its first live tick (it set gRPC write
/// options, which transcoding does not implement), so every transcoded stream is read live here. Over gRPC, live
/// ticks and trade events go out as frames encoded once (<see cref="GrpcFrames"/>), which must stay the bytes
/// grpc-dotnet would write.
/// </summary>
public sealed class StreamWireTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LiveTicks_ReachJsonAndGrpcSubscribersOfTheSameTick_WithEveryField()
    {
        // A live tick is one message shared by all subscribers; gRPC streams write its frame encoded once, and
        // transcoding formats the message itself: each kind of subscriber must still get the whole tick.
        await using var caller = await JsonCaller.StartAsync();
        var (server, http, token) = (caller.Server, caller.Http, caller.Token);
        using var grpc = server.MarketData.StreamTicks(new StreamTicksRequest { Symbols = { "EURUSD" } }, cancellationToken: token);
        using var response = await http.GetAsync("/v1/ticks:stream?symbols=EURUSD", HttpCompletionOption.ResponseHeadersRead, token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(token));
        await reader.ReadLineAsync(token);
        await reader.ReadLineAsync(token);
        for (var read = 0; read < 2; read++)
        {
            Assert.True(await grpc.ResponseStream.MoveNext(token));
        }

        await server.QuoteAsync("EURUSD", 1.10020m, 1.10035m);

        var json = JsonDocument.Parse((await reader.ReadLineAsync(token))!).RootElement.GetProperty("tick");
        Assert.True(await grpc.ResponseStream.MoveNext(token));
        var wire = grpc.ResponseStream.Current.Tick;
        Assert.Equal(1.10020m, wire.Bid.ToDecimal());
        Assert.Equal(1.10035m, wire.Ask.ToDecimal());
        Assert.False(wire.Snapshot);
        Assert.Equal("EURUSD", json.GetProperty("symbol").GetString());
        Assert.Equal(wire.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), json.GetProperty("sequence").GetString());
        Assert.Equal(wire.TimeMs.ToString(System.Globalization.CultureInfo.InvariantCulture), json.GetProperty("timeMs").GetString());
        Assert.Equal(100_200_000, json.GetProperty("bid").GetProperty("nanos").GetInt32());
        Assert.Equal(100_350_000, json.GetProperty("ask").GetProperty("nanos").GetInt32());
    }

    [Fact]
    public async Task TheServer_CompressesNoResponses_SoFramesEncodedOnceAreWhatGrpcWouldWrite()
    {
        // Live ticks and trade events are written as gRPC frames encoded once, with the compressed flag 0
        // (GrpcFrames): enabling response compression would need those frames compressed too.
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);

        var grpc = server.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<global::Grpc.AspNetCore.Server.GrpcServiceOptions>>().Value;

        Assert.Null(grpc.ResponseCompressionAlgorithm);
    }

    [Fact]
    public async Task TradeEvents_StreamOverJson_StoredThenLive()
    {
        await using var caller = await JsonCaller.StartAsync();
        var (server, http, token) = (caller.Server, caller.Http, caller.Token);
        await Order(http, "json-stream-1");

        using var response = await http.GetAsync("/v1/accounts/1001/events:stream?resume_after_sequence=0", HttpCompletionOption.ResponseHeadersRead, token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(token));
        var stored = await OrderEventAsync(reader, "json-stream-1", token);
        await Order(http, "json-stream-2");
        var live = await OrderEventAsync(reader, "json-stream-2", token);

        Assert.Equal("1001", stored.GetProperty("accountId").GetString());
        Assert.True(ulong.Parse(live.GetProperty("sequence").GetString()!, CultureInfo.InvariantCulture) > ulong.Parse(stored.GetProperty("sequence").GetString()!, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Bars_StreamOverJson_Live()
    {
        await using var caller = await JsonCaller.StartAsync();
        var (server, http, token) = (caller.Server, caller.Http, caller.Token);

        // The response headers may wait for the first message: quote until the stream answers.
        var request = http.GetAsync("/v1/symbols/EURUSD/bars:stream?timeframe=TIMEFRAME_M1", HttpCompletionOption.ResponseHeadersRead, token);
        var bid = 1.10000m;
        while (!request.IsCompleted)
        {
            bid += 0.00001m;
            await server.QuoteAsync("EURUSD", bid, bid + 0.0001m);
            await Task.WhenAny(request, Task.Delay(100, token));
        }

        using var response = await request;
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(token));
        var first = JsonDocument.Parse((await reader.ReadLineAsync(token))!).RootElement;
        await server.QuoteAsync("EURUSD", 1.20000m, 1.20010m);
        var line = await reader.ReadLineAsync(token);
        while (line is not null && !line.Contains("\"nanos\":200000000", StringComparison.Ordinal))
        {
            line = await reader.ReadLineAsync(token);
        }

        Assert.Equal("EURUSD", first.GetProperty("symbol").GetString());
        Assert.Equal("TIMEFRAME_M1", first.GetProperty("timeframe").GetString());
        var bar = JsonDocument.Parse(line!).RootElement.GetProperty("bar");
        Assert.Equal(200_000_000, bar.GetProperty("high").GetProperty("nanos").GetInt32());
    }

    private static async Task Order(HttpClient http, string clientOrderId)
    {
        var order = new { client_order_id = clientOrderId, symbol = "EURUSD", type = "ORDER_TYPE_BUY", volume = new { units = 0, nanos = 100_000_000 } };
        using var placed = await http.PostAsJsonAsync("/v1/accounts/1001/orders", order, Token);
        placed.EnsureSuccessStatusCode();
    }

    /// <summary>Reads events until the order event of <paramref name="clientOrderId"/>.</summary>
    private static async Task<JsonElement> OrderEventAsync(StreamReader reader, string clientOrderId, CancellationToken cancellationToken)
    {
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            var message = JsonDocument.Parse(line).RootElement;
            if (message.TryGetProperty("order", out var order) && order.GetProperty("clientOrderId").GetString() == clientOrderId)
            {
                return message;
            }
        }

        throw new InvalidOperationException("the event stream ended before the order's event");
    }

    /// <summary>A core with a EURUSD quote and an HTTP/JSON client logged in as the trader; calls time out after 15 s.</summary>
    private sealed class JsonCaller : IAsyncDisposable
    {
        private readonly TempDirectory _data = new();
        private readonly CancellationTokenSource _cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        private JsonCaller()
        {
            Server = new CoreServer(_data.Path);
            _cancel.CancelAfter(TimeSpan.FromSeconds(15));
        }

        public CoreServer Server { get; }

        public HttpClient Http { get; private set; } = null!;

        public CancellationToken Token => _cancel.Token;

        public static async Task<JsonCaller> StartAsync()
        {
            var caller = new JsonCaller();
            await caller.Server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
            caller.Http = await HttpJsonTests.LoggedInAsync(caller.Server);
            return caller;
        }

        public async ValueTask DisposeAsync()
        {
            Http?.Dispose();
            await Server.DisposeAsync();
            _cancel.Dispose();
            _data.Dispose();
        }
    }
}
