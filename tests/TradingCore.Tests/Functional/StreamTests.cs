using Microsoft.Extensions.DependencyInjection;
using Grpc.Core;
using TradingCore.Contracts.V1;
using static TradingCore.Testing.Wire;

namespace TradingCore.Tests;

public sealed class StreamTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StreamTicks_StartsWithSnapshotThenLiveTicksWithSequences()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        await server.QuoteAsync("EURUSD", 1.10001m, 1.10011m);
        using var call = server.MarketData.StreamTicks(new StreamTicksRequest { Symbols = { "EURUSD", "USDJPY" } }, cancellationToken: Token);
        var stream = call.ResponseStream;

        Assert.True(await Within(stream.MoveNext(Token)));
        var snapshot = stream.Current.Tick;
        Assert.True(snapshot.Snapshot);
        Assert.Equal(2UL, snapshot.Sequence);
        Assert.Equal(1.10001m, snapshot.Bid.ToDecimal());
        Assert.True(await Within(stream.MoveNext(Token)));
        Assert.Equal(1u, stream.Current.SnapshotComplete.TickCount);

        await server.QuoteAsync("USDJPY", 150.000m, 150.010m);
        await server.QuoteAsync("EURUSD", 1.10002m, 1.10012m);

        Assert.True(await Within(stream.MoveNext(Token)));
        Assert.Equal(("USDJPY", 1UL, false), (stream.Current.Tick.Symbol, stream.Current.Tick.Sequence, stream.Current.Tick.Snapshot));
        Assert.True(await Within(stream.MoveNext(Token)));
        Assert.Equal(("EURUSD", 3UL), (stream.Current.Tick.Symbol, stream.Current.Tick.Sequence));
    }

    [Fact]
    public async Task StreamTicks_ResumingWithLastSequences_GetsAFreshSnapshotAndAGapMarker()
    {
        using var data = new TempDirectory();
        await using (var server = new CoreServer(data.Path))
        {
            await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
            await server.QuoteAsync("EURUSD", 1.10001m, 1.10011m); // the client saw up to sequence 2
            await server.QuoteAsync("EURUSD", 1.10002m, 1.10012m);
            await server.QuoteAsync("EURUSD", 1.10003m, 1.10013m);
            await server.QuoteAsync("EURUSD", 1.10004m, 1.10014m); // sequence 5, missed while disconnected

            var request = new StreamTicksRequest { Symbols = { "EURUSD" }, Resume = { new SymbolSequence { Symbol = "EURUSD", Sequence = 2 } } };
            using var resumed = server.MarketData.StreamTicks(request, cancellationToken: Token);

            Assert.True(await Within(resumed.ResponseStream.MoveNext(Token)));
            Assert.Equal(("EURUSD", 2UL, false), (resumed.ResponseStream.Current.Gap.Symbol, resumed.ResponseStream.Current.Gap.Missed, resumed.ResponseStream.Current.Gap.SequenceReset));
            Assert.True(await Within(resumed.ResponseStream.MoveNext(Token)));
            Assert.Equal((5UL, true), (resumed.ResponseStream.Current.Tick.Sequence, resumed.ResponseStream.Current.Tick.Snapshot));
        }

        await using var restarted = new CoreServer(data.Path);
        await restarted.QuoteAsync("EURUSD", 1.10005m, 1.10015m);
        var afterRestart = new StreamTicksRequest { Symbols = { "EURUSD" }, Resume = { new SymbolSequence { Symbol = "EURUSD", Sequence = 5 } } };
        using var again = restarted.MarketData.StreamTicks(afterRestart, cancellationToken: Token);

        Assert.True(await Within(again.ResponseStream.MoveNext(Token)));
        Assert.True(again.ResponseStream.Current.Gap.SequenceReset);
    }

    [Fact]
    public async Task StreamTicks_ResumeAfterRestartBeforeAnyTick_SignalsTheResetAtOnce()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        var request = new StreamTicksRequest { Symbols = { "EURUSD", "GBPUSD" }, Resume = { new SymbolSequence { Symbol = "EURUSD", Sequence = 7 } } };
        using var call = server.MarketData.StreamTicks(request, cancellationToken: Token);

        Assert.True(await Within(call.ResponseStream.MoveNext(Token)));
        Assert.Equal(("EURUSD", true), (call.ResponseStream.Current.Gap.Symbol, call.ResponseStream.Current.Gap.SequenceReset));
        Assert.True(await Within(call.ResponseStream.MoveNext(Token)));
        Assert.Equal(0u, call.ResponseStream.Current.SnapshotComplete.TickCount);
    }

    [Fact]
    public async Task StreamTicks_UnknownSymbol_IsInvalidArgument()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        using var call = server.MarketData.StreamTicks(new StreamTicksRequest { Symbols = { "NOPE" } }, cancellationToken: Token);

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(Token));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("symbols[0]", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamTicks_WithSyntheticFeed_DeliversLiveTicks()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path, feed: "Synthetic");
        using var call = server.MarketData.StreamTicks(new StreamTicksRequest(), cancellationToken: Token);

        var live = 0;
        while (live < 10 && await Within(call.ResponseStream.MoveNext(Token)))
        {
            if (call.ResponseStream.Current.Tick is { Snapshot: false } tick)
            {
                Assert.True(tick.Ask.ToDecimal() > tick.Bid.ToDecimal());
                live++;
            }
        }

        Assert.Equal(10, live);
    }

    [Fact]
    public async Task StreamTradeEvents_Headers_NameTheSequenceTheStreamStartsAfter()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        var last = server.Services.GetRequiredService<TradingCore.Streaming.TradeEventHub>().LastSequence;

        using var live = server.Orders.StreamTradeEvents(new StreamTradeEventsRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token);
        using var resumed = server.Orders.StreamTradeEvents(new StreamTradeEventsRequest { AccountId = CoreServer.DemoAccount, ResumeAfterSequence = 1 }, cancellationToken: Token);

        Assert.True(last > 0);
        Assert.Equal(last.ToString(System.Globalization.CultureInfo.InvariantCulture), (await live.ResponseHeadersAsync).GetValue("trading-resume-after"));
        Assert.Equal("1", (await resumed.ResponseHeadersAsync).GetValue("trading-resume-after"));
    }

    [Fact]
    public async Task StreamTradeEvents_LiveAndResumed_AreGapFreeAndInOrder()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        using var live = server.Orders.StreamTradeEvents(new StreamTradeEventsRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token);
        await Within(live.ResponseHeadersAsync); // the live subscription exists

        var buy = await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.10m, "e1"), cancellationToken: Token);
        var liveEvents = new List<TradeEvent>();
        while (liveEvents.Count == 0 || liveEvents[^1].Sequence < buy.Result.Sequence)
        {
            Assert.True(await Within(live.ResponseStream.MoveNext(Token)));
            liveEvents.Add(live.ResponseStream.Current);
        }

        Assert.Equal(TradeEvent.PayloadOneofCase.Order, liveEvents[0].PayloadCase);
        Assert.Contains(liveEvents, e => e.PayloadCase == TradeEvent.PayloadOneofCase.Deal && e.Deal.Ticket == buy.Result.DealTicket);
        Assert.Contains(liveEvents, e => e.PayloadCase == TradeEvent.PayloadOneofCase.Position);

        // Resume from the very beginning: the account's creation, its opening balance, then the same live events.
        using var resumed = server.Orders.StreamTradeEvents(new StreamTradeEventsRequest { AccountId = CoreServer.DemoAccount, ResumeAfterSequence = 0 }, cancellationToken: Token);
        var replayed = new List<TradeEvent>();
        while (replayed.Count == 0 || replayed[^1].Sequence < buy.Result.Sequence)
        {
            Assert.True(await Within(resumed.ResponseStream.MoveNext(Token)));
            replayed.Add(resumed.ResponseStream.Current);
        }

        Assert.Equal(TradeEvent.PayloadOneofCase.Account, replayed[0].PayloadCase);
        Assert.Equal(replayed.Select(e => e.Sequence).Order(), replayed.Select(e => e.Sequence));
        Assert.Equal(replayed.Count, replayed.Select(e => e.Sequence).Distinct().Count());
        Assert.Equal(liveEvents.Select(e => e.Sequence), replayed.Where(e => e.Sequence >= liveEvents[0].Sequence).Select(e => e.Sequence));

        // Then the resumed stream continues live.
        var sell = await server.Orders.SubmitOrderAsync(Market(OrderType.Sell, 0.10m, "e2"), cancellationToken: Token);
        Assert.True(await Within(resumed.ResponseStream.MoveNext(Token)));
        Assert.True(resumed.ResponseStream.Current.Sequence > buy.Result.Sequence);
        Assert.True(resumed.ResponseStream.Current.Sequence <= sell.Result.Sequence);
    }

    [Fact]
    public async Task StreamTradeEvents_ConsumerBehindItsBuffer_IsDisconnectedAndResumesWithoutLoss()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path, settings: new Dictionary<string, string> { ["TradingCore:Streams:EventBuffer"] = "8" });
        await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        using var slow = server.Orders.StreamTradeEvents(new StreamTradeEventsRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token);
        await Within(slow.ResponseHeadersAsync);

        // The stream is not read while 300 orders produce about 1,200 events (a few hundred kB): more than the
        // transport's flow-control window plus the 8-event buffer.
        const int Orders = 300;
        ulong last = 0;
        for (var index = 0; index < Orders; index++)
        {
            last = (await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.01m, $"slow-{index}"), cancellationToken: Token)).Result.Sequence;
        }

        var received = new List<TradeEvent>();
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await Within(slow.ResponseStream.MoveNext(Token)))
            {
                received.Add(slow.ResponseStream.Current);
            }
        });
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("resume_after_sequence=", error.Status.Detail, StringComparison.Ordinal);

        // Resuming from the last event it got delivers the rest: nothing is lost.
        var resumeFrom = received.Count > 0 ? received[^1].Sequence : 0;
        using var resumed = server.Orders.StreamTradeEvents(new StreamTradeEventsRequest { AccountId = CoreServer.DemoAccount, ResumeAfterSequence = resumeFrom }, cancellationToken: Token);
        while (received[^1].Sequence < last)
        {
            Assert.True(await Within(resumed.ResponseStream.MoveNext(Token)));
            received.Add(resumed.ResponseStream.Current);
        }

        Assert.Equal(received.Count, received.Select(e => e.Sequence).Distinct().Count());
        Assert.Equal(Orders, received.Count(e => e.PayloadCase == TradeEvent.PayloadOneofCase.Deal));
    }

    [Fact]
    public async Task TradeSession_SubmitsArePipelinedAndAcknowledgedWithEvents()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        using var session = server.Orders.TradeSession(cancellationToken: Token);

        await session.RequestStream.WriteAsync(new TradeSessionRequest { RequestId = 1, Open = new TradeSessionOpen { AccountId = CoreServer.DemoAccount } }, Token);
        for (var index = 0; index < 5; index++)
        {
            await session.RequestStream.WriteAsync(new TradeSessionRequest { RequestId = (ulong)(10 + index), Submit = Market(OrderType.Buy, 0.01m, $"s{index}") }, Token);
        }

        await session.RequestStream.WriteAsync(new TradeSessionRequest { RequestId = 99, Submit = Market(OrderType.Buy, -1m, "bad") }, Token);
        await session.RequestStream.CompleteAsync();

        var acks = new Dictionary<ulong, TradeResult>();
        var deals = 0;
        var opened = false;
        while (await Within(session.ResponseStream.MoveNext(Token)))
        {
            var response = session.ResponseStream.Current;
            switch (response.ResponseCase)
            {
                case TradeSessionResponse.ResponseOneofCase.Opened:
                    opened = true;
                    break;
                case TradeSessionResponse.ResponseOneofCase.Ack:
                    acks[response.RequestId] = response.Ack;
                    break;
                case TradeSessionResponse.ResponseOneofCase.Event when response.Event.PayloadCase == TradeEvent.PayloadOneofCase.Deal:
                    deals++;
                    break;
            }
        }

        Assert.True(opened);
        Assert.Equal(6, acks.Count);
        Assert.All(Enumerable.Range(10, 5), id => Assert.Equal(TradeRetcode.Done, acks[(ulong)id].Retcode));
        Assert.Equal("s3", acks[13].ClientOrderId);
        Assert.Equal(TradeRetcode.Invalid, acks[99].Retcode);
        Assert.Contains("submit.volume", acks[99].Message, StringComparison.Ordinal);
        Assert.InRange(deals, 0, 5);
        var position = Assert.Single((await server.Positions.ListPositionsAsync(new ListPositionsRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token)).Positions);
        Assert.Equal(0.05m, position.Volume.ToDecimal());
    }

    [Fact]
    public async Task TradeSession_FirstMessageNotOpen_IsInvalidArgument()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        using var session = server.Orders.TradeSession(cancellationToken: Token);

        await session.RequestStream.WriteAsync(new TradeSessionRequest { RequestId = 1, Submit = Market(OrderType.Buy, 0.01m, "x") }, Token);
        var error = await Assert.ThrowsAsync<RpcException>(() => session.ResponseStream.MoveNext(Token));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }
}
