using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Grpc.Core;
using TradingCore.Contracts.V1;

namespace TradingCore.LoadHarness;

/// <summary>
/// Tick fan-out from feed ingress to client receipt: the harness is the feed (an MT5 terminal on the core's bridge
/// port, or a raw line sender on the echo host's ingress) and the subscribers. Tick i of a run carries sequence
/// base + 1 + i on the server, so each subscriber's receipt is matched to the send timestamp of that tick.
/// </summary>
internal sealed class TickLoad : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly Stream _stream;
    private long _lastTimeMs;
    private long _index;

    private TickLoad(TcpClient client)
    {
        _client = client;
        _client.NoDelay = true;
        _stream = client.GetStream();
    }

    public static async Task<TickLoad> ConnectAsync(int port, bool bridgeHandshake)
    {
        // The previous scenario's connection may still be draining its backlog in the core (read at a low priority):
        // until the core has read its end, the login counts as connected.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ConnectOnceAsync(port, bridgeHandshake);
            }
            catch (InvalidOperationException error) when (attempt < 60 && error.Message.Contains("already connected", StringComparison.Ordinal))
            {
                await Task.Delay(500);
            }
        }
    }

    private static async Task<TickLoad> ConnectOnceAsync(int port, bool bridgeHandshake)
    {
        var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        var load = new TickLoad(client);
        if (bridgeHandshake)
        {
            await load.WriteAsync($$"""{"type":"hello","v":1,"secret":"{{ServerHandle.BridgeSecret}}","login":{{ServerHandle.BridgeLogin}},"server":"Harness","currency":"USD","margin_mode":0,"server_utc_offset_s":0,"terminal":"load-harness"}""", flush: true);
            using var reader = new StreamReader(client.GetStream(), Encoding.UTF8, leaveOpen: true);
            var welcome = await reader.ReadLineAsync() ?? throw new InvalidOperationException("the bridge closed the connection");
            if (!welcome.Contains("welcome", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("the bridge refused the harness: " + welcome);
            }

            await load.WriteAsync("""{"type":"symbol","name":"EURUSD","digits":5,"tick_size":"0.00001","tick_value":"1","contract_size":"100000","volume_min":"0.01","volume_max":"100","volume_step":"0.01","volume_limit":"0","stops_level":0,"freeze_level":0,"trade_mode":4,"exe_mode":2,"filling_mode":3,"expiration_mode":15,"order_mode":127,"calc_mode":0,"currency_base":"EUR","currency_profit":"USD","currency_margin":"EUR","margin_initial":"0"}""", flush: true);
        }

        return load;
    }

    /// <summary>
    /// Sends one tick (bids cycle through 1000 values so consecutive ticks always differ). A <paramref name="tag"/>
    /// travels as the tick's volume, so a subscriber of the core knows which sent tick it received even when the
    /// engine conflated the ticks between (the core's sequences then no longer count sent ticks).
    /// </summary>
    public void SendTick(bool flush, long tag = 0)
    {
        var index = _index++;
        var now = Math.Max(_lastTimeMs, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        _lastTimeMs = now;
        var bid = 1.10000m + ((index % 1000) / 100_000m);
        var line = string.Create(CultureInfo.InvariantCulture, $$"""{"type":"tick","symbol":"EURUSD","time_msc":{{now}},"bid":"{{bid:F5}}","ask":"{{bid + 0.00010m:F5}}","last":"0","volume":{{tag}},"flags":6}""");
        _stream.Write(Encoding.UTF8.GetBytes(line + "\n"));
        if (flush)
        {
            _stream.Flush();
        }
    }

    /// <summary>Sends one tick at the given prices (the cycle of <see cref="SendTick"/> goes on where it was).</summary>
    public void SendQuote(decimal bid, decimal ask)
    {
        var now = Math.Max(_lastTimeMs, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        _lastTimeMs = now;
        var line = string.Create(CultureInfo.InvariantCulture, $$"""{"type":"tick","symbol":"EURUSD","time_msc":{{now}},"bid":"{{bid:F5}}","ask":"{{ask:F5}}","last":"0","volume":0,"flags":6}""");
        _stream.Write(Encoding.UTF8.GetBytes(line + "\n"));
        _stream.Flush();
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task WriteAsync(string line, bool flush)
    {
        await _stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"));
        if (flush)
        {
            await _stream.FlushAsync();
        }
    }

    /// <summary>
    /// One fan-out measurement (subscribers ask for DROP_OLDEST with 1,024 buffered ticks, the echo host's queue, so
    /// both sides deliver every tick unless a subscriber falls 1,024 behind; the core's default CONFLATE would merge
    /// ticks whenever a writer is a tick behind): <paramref name="subscribers"/> tick streams (plus a stream that never reads when
    /// <paramref name="stalled"/>), ticks sent at <paramref name="rate"/> per second (0 = as fast as possible).
    /// </summary>
    public static async Task<(long Sent, long Delivered, double Seconds, Latency Latency)> FanOutAsync(ServerHandle server, CallInvoker invoker, bool core, int subscribers, double rate, TimeSpan duration, bool stalled)
    {
        using var stop = new CancellationTokenSource();
        var client = new MarketData.MarketDataClient(invoker);
        var readers = Enumerable.Range(0, subscribers).Select(_ => new Subscriber(client.StreamTicks(new StreamTicksRequest { Symbols = { "EURUSD" }, Policy = TickDeliveryPolicy.DropOldest, BufferSize = 1024 }, cancellationToken: stop.Token))).ToList();
        using var stalledCall = stalled ? client.StreamTicks(new StreamTicksRequest { Symbols = { "EURUSD" }, Policy = TickDeliveryPolicy.DropOldest, BufferSize = 1024 }, cancellationToken: stop.Token) : null;
        foreach (var reader in readers)
        {
            reader.Start();
        }

        await using var feed = await ConnectAsync(server.BridgePort, core);
        // Prime: one tick every subscriber must see live; its sequence is the base of this run.
        var baseSequence = 0UL;
        for (var attempt = 0; attempt < 100 && readers.Any(reader => reader.LastSequence == 0); attempt++)
        {
            feed.SendTick(flush: true);
            await Task.Delay(50);
        }

        baseSequence = readers.Max(reader => reader.LastSequence);
        await WaitForAsync(readers, baseSequence, TimeSpan.FromSeconds(10));
        var sentAt = new long[Math.Max(1, (int)(Math.Max(rate, 200_000) * duration.TotalSeconds) + 1)];
        foreach (var reader in readers)
        {
            reader.Measure(baseSequence, sentAt);
        }

        long sent = 0;
        var started = Stopwatch.GetTimestamp();
        if (rate > 0)
        {
            await Schedule.RunAsync(rate, duration, intended =>
            {
                sentAt[sent++] = intended;
                feed.SendTick(flush: true, tag: sent);
            });
        }
        else
        {
            var end = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            await Task.Factory.StartNew(
                () =>
                {
                    // Like a terminal on another machine, the sender takes the CPU the server leaves idle (nice 10, as
                    // the core's ingest thread): the server, not the sender, decides how much arrives.
                    SenderPriority.LowerCurrentThread();
                    while (Stopwatch.GetTimestamp() < end && sent < sentAt.Length - 1)
                    {
                        sentAt[sent++] = Stopwatch.GetTimestamp();
                        feed.SendTick(flush: (sent & 31) == 0, tag: sent);
                    }

                    sentAt[sent++] = Stopwatch.GetTimestamp();
                    feed.SendTick(flush: true, tag: sent);
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
        }

        // Every reader has the last sent tick (the core applies a conflated run's last tick, so it always arrives).
        var deadline = Stopwatch.GetTimestamp() + (15 * Stopwatch.Frequency);
        while (readers.Any(reader => reader.LastMark < sent) && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(5);
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await stop.CancelAsync();
        var latency = new Latency();
        foreach (var reader in readers)
        {
            await reader.StopAsync();
            latency.Add(reader.Latency);
        }

        return (sent, readers.Sum(reader => reader.Delivered), seconds, latency);
    }

    private static async Task WaitForAsync(List<Subscriber> readers, ulong sequence, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (readers.Any(reader => reader.LastSequence < sequence) && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(5);
        }
    }

    /// <summary>One subscriber: reads its stream, matches each live tick to its send time.</summary>
    private sealed class Subscriber(AsyncServerStreamingCall<StreamTicksResponse> call)
    {
        private Task _loop = Task.CompletedTask;
        private long[]? _sentAt;
        private ulong _base;
        private long _lastSequence;
        private long _lastMark;
        private long _delivered;

        public Latency Latency { get; } = new();

        public ulong LastSequence => (ulong)Volatile.Read(ref _lastSequence);

        public long Delivered => Volatile.Read(ref _delivered);

        /// <summary>The number (1-based) of the last sent tick this reader received since <see cref="Measure"/>.</summary>
        public long LastMark => Volatile.Read(ref _lastMark);

        public void Start() => _loop = Task.Run(async () =>
        {
            try
            {
                await foreach (var message in call.ResponseStream.ReadAllAsync())
                {
                    if (message.PayloadCase != StreamTicksResponse.PayloadOneofCase.Tick || message.Tick.Snapshot)
                    {
                        continue;
                    }

                    var received = Stopwatch.GetTimestamp();
                    var sequence = message.Tick.Sequence;
                    Volatile.Write(ref _lastSequence, (long)sequence);
                    if (Volatile.Read(ref _sentAt) is not { } sentAt)
                    {
                        continue;
                    }

                    // The core echoes the sender's tag (the volume); the echo host numbers every tick it received.
                    var mark = message.Tick.Volume is { Units: > 0 } tag ? tag.Units : sequence > _base ? (long)(sequence - _base) : 0;
                    if (mark > 0 && mark <= sentAt.Length && sentAt[mark - 1] is var at and not 0)
                    {
                        Volatile.Write(ref _lastMark, mark);
                        Latency.RecordSince(at, received);
                        Interlocked.Increment(ref _delivered);
                    }
                }
            }
            catch (RpcException)
            {
                // Cancelled at the end of the run.
            }
        });

        public void Measure(ulong baseSequence, long[] sentAt)
        {
            _base = baseSequence;
            Volatile.Write(ref _sentAt, sentAt);
        }

        public async Task StopAsync()
        {
            await _loop;
            call.Dispose();
        }
    }
}
