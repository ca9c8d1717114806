using System.Buffers;
using Grpc.Core;
using TradingCore.Grpc;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Tests.Unit;

/// <summary>
/// A trade session's outgoing lanes: acks are written before waiting events, events keep their order, a burst goes
/// out with one flush (every write but the burst's last is buffered), and the writer ends only when both lanes do.
/// </summary>
public sealed class SessionOutboxTests
{
    [Fact]
    public async Task AcksGoBeforeWaitingEvents_EventsKeepTheirOrder_AndABurstIsFlushedOnceAtItsEnd()
    {
        var token = TestContext.Current.CancellationToken;
        var outbox = new SessionOutbox(ackCapacity: 8, eventCapacity: 16);
        for (ulong sequence = 1; sequence <= 5; sequence++)
        {
            await outbox.EventAsync(new Wire.TradeEvent { Sequence = sequence }, token);
        }

        await outbox.AckAsync(new Wire.TradeSessionResponse { RequestId = 1 }, token);
        await outbox.AckAsync(new Wire.TradeSessionResponse { RequestId = 2 }, token);
        outbox.Complete();
        var context = new TestCallContext(token);
        var stream = new RecordingStream(context);

        await outbox.WriteAllAsync(stream, context, token).WaitAsync(TimeSpan.FromSeconds(10), token);

        Assert.Equal(["ack 1", "ack 2", "event 1", "event 2", "event 3", "event 4", "event 5"], stream.Written.Select(write => write.What));
        Assert.All(stream.Written.SkipLast(1), write => Assert.True(write.Buffered, write.What + " buffered"));
        Assert.False(stream.Written[^1].Buffered, "the burst's last write flushes");
    }

    [Fact]
    public async Task TheWriterWaitsForEitherLane_FlushesALoneResponse_AndEndsOnlyWhenBothLanesAreDone()
    {
        var token = TestContext.Current.CancellationToken;
        var outbox = new SessionOutbox(ackCapacity: 8, eventCapacity: 16);
        var context = new TestCallContext(token);
        var stream = new RecordingStream(context);
        var writer = outbox.WriteAllAsync(stream, context, token);

        await outbox.EventAsync(new Wire.TradeEvent { Sequence = 7 }, token);
        await stream.WaitForAsync(1, token);
        for (var request = 1; request <= 3; request++)
        {
            await outbox.AckAsync(new Wire.TradeSessionResponse { RequestId = (ulong)request }, token);
            await stream.WaitForAsync(1 + request, token);
        }

        Assert.False(writer.IsCompleted);
        outbox.Complete();
        await writer.WaitAsync(TimeSpan.FromSeconds(10), token);

        Assert.Equal(["event 7", "ack 1", "ack 2", "ack 3"], stream.Written.Select(write => write.What));
        Assert.All(stream.Written, write => Assert.False(write.Buffered, write.What + " written alone is flushed"));
    }

    [Fact]
    public async Task GivenTheResponseBody_EventsAfterTheFirstResponseGoOutAsTheirSharedFrames_InOrder()
    {
        var token = TestContext.Current.CancellationToken;
        var outbox = new SessionOutbox(ackCapacity: 8, eventCapacity: 16);
        var body = new System.IO.Pipelines.Pipe();
        var events = Enumerable.Range(1, 3).Select(sequence => new Wire.TradeEvent { Sequence = (ulong)sequence, AccountId = 1001 }).ToList();
        await outbox.AckAsync(new Wire.TradeSessionResponse { RequestId = 1 }, token);
        foreach (var tradeEvent in events)
        {
            await outbox.EventAsync(tradeEvent, token);
        }

        outbox.Complete();
        var context = new TestCallContext(token);
        var stream = new RecordingStream(context);

        await outbox.WriteAllAsync(stream, context, token, body.Writer).WaitAsync(TimeSpan.FromSeconds(10), token);
        await body.Writer.CompleteAsync();

        // The opening answer (here: ack 1) goes through grpc-dotnet and sends the headers; the events follow as frames.
        Assert.Equal(["ack 1"], stream.Written.Select(write => write.What));
        var written = (await body.Reader.ReadAsync(token)).Buffer.ToArray();
        Assert.Equal(events.SelectMany(tradeEvent => tradeEvent.SessionFrame().ToArray()), written);
    }

    private sealed class RecordingStream(ServerCallContext context) : IServerStreamWriter<Wire.TradeSessionResponse>
    {
        private readonly Lock _gate = new();

        public List<(string What, bool Buffered)> Written { get; } = [];

        public WriteOptions? WriteOptions { get; set; }

        public Task WriteAsync(Wire.TradeSessionResponse message) => WriteAsync(message, CancellationToken.None);

        public Task WriteAsync(Wire.TradeSessionResponse message, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                var what = message.ResponseCase == Wire.TradeSessionResponse.ResponseOneofCase.Event ? $"event {message.Event.Sequence}" : $"ack {message.RequestId}";
                Written.Add((what, context.WriteOptions is { Flags: WriteFlags.BufferHint }));
            }

            return Task.CompletedTask;
        }

        public async Task WaitForAsync(int count, CancellationToken cancellationToken)
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (true)
            {
                lock (_gate)
                {
                    if (Written.Count >= count)
                    {
                        return;
                    }
                }

                Assert.True(DateTime.UtcNow < deadline, $"{count} writes expected");
                await Task.Delay(5, cancellationToken);
            }
        }
    }
}
