using TradingCore.Mt5Feed.Bridge;

namespace TradingCore.Mt5Feed.Tests;

/// <summary>The bridge listener against a fake terminal over a real loopback socket.</summary>
public sealed class BridgeFeedTests : IAsyncDisposable
{
    private const long Login = 5012345;
    private readonly CancellationTokenSource _stop = new();
    private readonly RecordingObserver _observer = new();
    private readonly RecordingWriter _writer = new();
    private readonly BridgeFeed _feed;
    private readonly Task _run;

    public BridgeFeedTests()
    {
        _feed = NewFeed(staleAfterMs: 300, _observer);
        _run = _feed.RunAsync(_writer, _stop.Token);
    }

    /// <summary>A listener on a free loopback port for logins 5012345 and 7.</summary>
    private static BridgeFeed NewFeed(int staleAfterMs, RecordingObserver observer, int handshakeTimeoutMs = 300) => new(
        new BridgeOptions
        {
            Listen = "127.0.0.1:0",
            Terminals = [new() { Login = Login, Secret = FakeTerminal.Secret }, new() { Login = 7, Secret = FakeTerminal.Secret }],
            HandshakeTimeoutMs = handshakeTimeoutMs,
            StaleAfterMs = staleAfterMs,
        },
        observer,
        TimeProvider.System);

    private Task<FakeTerminal> Connected(long login = Login) => Connected(_feed, login);

    private static async Task<FakeTerminal> Connected(BridgeFeed feed, long login = Login)
    {
        await feed.Listening.WaitAsync(TimeSpan.FromSeconds(10));
        var terminal = await FakeTerminal.ConnectAsync(feed.LocalEndpoint!);
        await terminal.HelloAsync(login);
        var welcome = await terminal.ReadAsync();
        Assert.Equal("welcome", welcome!.Value.GetProperty("type").GetString());
        return terminal;
    }

    [Fact]
    public async Task HelloSymbolAndTicks_ReachTheEngineInUtc()
    {
        await using var terminal = await Connected();
        await terminal.SymbolAsync();
        await terminal.TickAsync("EURUSD", 1_785_327_812_476, "1.08412", "1.08415");

        await Eventually(() => _writer.Ticks.Count == 1);

        var tick = Assert.Single(_writer.Ticks);
        Assert.Equal(("EURUSD", 1.08412m, 1.08415m, 6u), (tick.Symbol, tick.Bid, tick.Ask, tick.Flags));
        Assert.Equal(1_785_327_812_476 - 7_200_000, tick.TimeMs); // server time UTC+2 -> UTC
        var announced = Assert.Single(_observer.Symbols);
        Assert.Equal(("EURUSD", 120), (announced.Name, announced.ServerUtcOffsetMinutes)); // its sessions are in the hello's server time
        Assert.Equal(FeedState.Connected, _observer.Last($"bridge:{Login}"));
        Assert.Equal(["EURUSD"], _feed.Symbols);
    }

    [Theory]
    [InlineData(Login, "wrong-secret-0123456789", "unknown login or wrong secret")]
    [InlineData(999, FakeTerminal.Secret, "unknown login or wrong secret")]
    public async Task BadCredentials_GetAnErrorAndAreClosed(long login, string secret, string reason)
    {
        await _feed.Listening.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        await using var terminal = await FakeTerminal.ConnectAsync(_feed.LocalEndpoint!);

        await terminal.HelloAsync(login, secret);

        var error = await terminal.ReadAsync();
        Assert.Equal(("error", reason), (error!.Value.GetProperty("type").GetString(), error.Value.GetProperty("reason").GetString()));
        Assert.True(await terminal.IsClosedByServerAsync());
    }

    [Fact]
    public async Task GarbageFrame_ClosesOnlyThatConnection()
    {
        await using var healthy = await Connected(7);
        await healthy.SymbolAsync("GBPUSD");
        await using var hostile = await Connected();

        await hostile.SendRawAsync([0xff, 0xfe, 0x00, (byte)'{', (byte)'\n']);

        Assert.True(await hostile.IsClosedByServerAsync());
        await healthy.TickAsync("GBPUSD", 1_785_327_812_476, "1.26500", "1.26515");
        await Eventually(() => _writer.Ticks.Count == 1);
        await using var again = await Connected(); // the listener still accepts, the login is free again
    }

    [Fact]
    public async Task SlowWriter_ByteByByte_IsParsed()
    {
        await using var terminal = await Connected();
        await terminal.SymbolAsync();

        await terminal.SendSlowlyAsync(FakeTerminal.TickLine("EURUSD", 1_785_327_812_476, "1.08412", "1.08415"));

        await Eventually(() => _writer.Ticks.Count == 1);
    }

    [Fact]
    public async Task AbruptDisconnect_IsReportedAsDisconnected()
    {
        var terminal = await Connected();
        await terminal.SymbolAsync();

        terminal.Abort();

        await Eventually(() => _observer.Last($"bridge:{Login}") == FeedState.Disconnected);
        await terminal.DisposeAsync();
    }

    [Fact]
    public async Task Reconnect_ResumesFromTheLastTick_AndDropsDuplicatesAndOutOfOrderTicks()
    {
        await using (var first = await Connected())
        {
            await first.SymbolAsync();
            await first.TickAsync("EURUSD", 1_785_327_812_000, "1.08400", "1.08403");
            await first.TickAsync("EURUSD", 1_785_327_812_476, "1.08412", "1.08415");
            await Eventually(() => _writer.Ticks.Count == 2);
            await first.SendAsync("""{"type":"bye"}""");
            await Eventually(() => _observer.Last($"bridge:{Login}") == FeedState.Disconnected);
        }

        await _feed.Listening;
        await using var second = await FakeTerminal.ConnectAsync(_feed.LocalEndpoint!);
        await second.HelloAsync();
        var welcome = await second.ReadAsync();
        Assert.Equal(1_785_327_812_476, welcome!.Value.GetProperty("resume").GetProperty("EURUSD").GetInt64());

        // The EA backfills from its resume point: the last tick again (duplicate), then an older one, then new ones.
        await second.SymbolAsync();
        await second.TickAsync("EURUSD", 1_785_327_812_476, "1.08412", "1.08415");
        await second.TickAsync("EURUSD", 1_785_327_811_000, "1.08300", "1.08303");
        await second.TickAsync("EURUSD", 1_785_327_812_476, "1.08413", "1.08416");
        await second.TickAsync("EURUSD", 1_785_327_813_000, "1.08420", "1.08423");

        await Eventually(() => _writer.Ticks.Count == 4);
        Assert.Equal([1.08400m, 1.08412m, 1.08413m, 1.08420m], _writer.Ticks.Select(tick => tick.Bid));
        Assert.Equal([TickDrop.Duplicate, TickDrop.OutOfOrder], _observer.Drops);
    }

    [Fact]
    public async Task SecondConnectionForTheSameLogin_IsRefused_WhileTheFirstIsAlive()
    {
        // A listener of its own with a stale threshold a busy box cannot reach between two heartbeats (with the
        // fixture's 300 ms a scheduling stall made the first connection look dead, and the second replaced it).
        using var stop = new CancellationTokenSource();
        var feed = NewFeed(staleAfterMs: 10_000, new RecordingObserver());
        var run = feed.RunAsync(new RecordingWriter(), stop.Token);
        await using var first = await Connected(feed);
        await using var second = await FakeTerminal.ConnectAsync(feed.LocalEndpoint!);

        // The first stays alive: a heartbeat every 50 ms.
        using var alive = new CancellationTokenSource();
        var heartbeats = Task.Run(async () =>
        {
            while (!alive.IsCancellationRequested)
            {
                await first.SendAsync("""{"type":"heartbeat","time_msc":1785327812476}""");
                await Task.Delay(50, CancellationToken.None);
            }
        }, TestContext.Current.CancellationToken);
        await second.HelloAsync();

        Assert.Equal($"login {Login} is already connected", (await second.ReadAsync())!.Value.GetProperty("reason").GetString());
        await alive.CancelAsync();
        await heartbeats;
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task ANewConnection_ReplacesASilentOne_SoATerminalCanAlwaysReconnect()
    {
        // The first connection goes silent without closing (a dropped network leaves it open on the core's side).
        await using var first = await Connected();
        await Task.Delay(600, TestContext.Current.CancellationToken); // beyond StaleAfterMs (300 ms)
        await using var second = await FakeTerminal.ConnectAsync(_feed.LocalEndpoint!);

        await second.HelloAsync();

        Assert.Equal("welcome", (await second.ReadAsync())!.Value.GetProperty("type").GetString());
        Assert.True(await first.IsClosedByServerAsync());
    }

    [Fact]
    public async Task NoHelloInTime_IsClosed()
    {
        await _feed.Listening.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        await using var silent = await FakeTerminal.ConnectAsync(_feed.LocalEndpoint!);

        var error = await silent.ReadAsync();

        Assert.Contains("no hello", error!.Value.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectionsThatNeverSpeak_AreRefusedBeyondTheCap_AndATerminalConnectsOnceTheyLeave()
    {
        var observer = new RecordingObserver();
        var feed = NewFeed(staleAfterMs: 10_000, observer, handshakeTimeoutMs: 60_000);
        using var stop = new CancellationTokenSource();
        var run = feed.RunAsync(new RecordingWriter(), stop.Token);
        await feed.Listening.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        var silent = new List<FakeTerminal>();
        for (var i = 0; i < BridgeFeed.MaxHandshaking; i++)
        {
            silent.Add(await FakeTerminal.ConnectAsync(feed.LocalEndpoint!));
        }

        // Each silent connection holds a session thread for the handshake's time; one more is refused at once.
        await using (var extra = await FakeTerminal.ConnectAsync(feed.LocalEndpoint!))
        {
            var error = await extra.ReadAsync();
            Assert.Contains("waiting for their hello", error!.Value.GetProperty("reason").GetString(), StringComparison.Ordinal);
            Assert.True(await extra.IsClosedByServerAsync());
        }

        foreach (var connection in silent)
        {
            await connection.DisposeAsync();
        }

        // Their sessions end when their sockets close (not at the 60 s timeout): a terminal is then let in.
        await Eventually(async () =>
        {
            await using var terminal = await FakeTerminal.ConnectAsync(feed.LocalEndpoint!);
            await terminal.HelloAsync(Login);
            return (await terminal.ReadAsync())?.GetProperty("type").GetString() == "welcome";
        });
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task StoppingTheFeed_EndsSessionsWaitingInARead()
    {
        var feed = NewFeed(staleAfterMs: 60_000, new RecordingObserver(), handshakeTimeoutMs: 60_000);
        using var stop = new CancellationTokenSource();
        var run = feed.RunAsync(new RecordingWriter(), stop.Token);
        var terminal = await Connected(feed);
        await using var silent = await FakeTerminal.ConnectAsync(feed.LocalEndpoint!);

        await stop.CancelAsync();

        // A session thread blocked in a read (one connected, one before its hello) ends with the feed, well before any timeout.
        await run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.True(await terminal.IsClosedByServerAsync());
        Assert.True(await silent.IsClosedByServerAsync());
        await terminal.DisposeAsync();
    }

    [Fact]
    public async Task OversizedLine_IsClosed()
    {
        await using var terminal = await Connected();

        await terminal.SendRawAsync(new byte[70_000]);

        Assert.True(await terminal.IsClosedByServerAsync());
        Assert.Contains(_observer.Rejections, reason => reason.Contains("longer than", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TickBeforeItsSymbol_IsRefused()
    {
        await using var terminal = await Connected();

        await terminal.TickAsync("EURUSD", 1_785_327_812_476, "1.08412", "1.08415");

        Assert.Contains("before its symbol message", (await terminal.ReadAsync())!.Value.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SilentTerminal_BecomesStale_AndConnectedAgainOnAHeartbeat()
    {
        await using var terminal = await Connected();

        await Eventually(() => _observer.Last($"bridge:{Login}") == FeedState.Stale);
        await terminal.SendAsync("""{"type":"heartbeat","time_msc":1785327812476}""");

        await Eventually(() => _observer.Last($"bridge:{Login}") == FeedState.Connected);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run.WaitAsync(TimeSpan.FromSeconds(10));
        _stop.Dispose();
    }
}
