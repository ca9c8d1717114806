using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Channels;
using Grpc.Core;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Grpc;

/// <summary>
/// What a trade session sends, in two lanes with one writer. Acknowledgements (and the opening answer) are written
/// before events that wait, so a bot's acks never queue behind its account's event backlog; events keep their order
/// among themselves (and an ack leaves before the events of its own batch anyway: the journal releases replies, then
/// publishes). While more responses wait in either lane the transport gathers the writes, and the burst's last one
/// flushes them all: one send for the acks and events of a group commit instead of one per message. Given the call's
/// response body, an event goes out as its frame encoded once for all the account's sessions
/// (<see cref="Wire.TradeEvent.SessionFrame"/>) instead of being serialized again for this session.
/// </summary>
internal sealed class SessionOutbox(int ackCapacity, int eventCapacity)
{
    /// <summary>A write while more responses wait: buffered, flushed with the burst's last one.</summary>
    private static readonly WriteOptions BufferedWrite = new(WriteFlags.BufferHint);

    private readonly Channel<Wire.TradeSessionResponse> _acks = Channel.CreateBounded<Wire.TradeSessionResponse>(new BoundedChannelOptions(ackCapacity) { SingleReader = true });
    private readonly Channel<Wire.TradeEvent> _events = Channel.CreateBounded<Wire.TradeEvent>(new BoundedChannelOptions(eventCapacity) { SingleReader = true });

    /// <summary>Queues an acknowledgement or the opening answer (ahead of waiting events).</summary>
    public ValueTask AckAsync(Wire.TradeSessionResponse response, CancellationToken token) => _acks.Writer.WriteAsync(response, token);

    /// <summary>Queues an event of the session's account (in order, after waiting acks).</summary>
    public Task EventAsync(Wire.TradeEvent tradeEvent, CancellationToken token) => _events.Writer.WriteAsync(tradeEvent, token).AsTask();

    /// <summary>Nothing more will be queued: the writer ends once both lanes are written out.</summary>
    public void Complete()
    {
        _acks.Writer.TryComplete();
        _events.Writer.TryComplete();
    }

    /// <summary>
    /// The session's single writer: waits on <paramref name="token"/> (shutdown), writes on the call's token only (see
    /// StreamTradeEvents); ends when both lanes are complete and empty. With <paramref name="frames"/> (the call's
    /// response body) events are written as their shared frames once grpc-dotnet wrote the first response (the
    /// opening answer, which sends the response headers).
    /// </summary>
    public async Task WriteAllAsync(IServerStreamWriter<Wire.TradeSessionResponse> responseStream, ServerCallContext context, CancellationToken token, PipeWriter? frames = null)
    {
        var acks = _acks.Reader;
        var events = _events.Reader;
        Task<bool>? ackWait = null;
        Task<bool>? eventWait = null;
        bool acksOpen = true, eventsOpen = true, started = false;
        while (true)
        {
            // One reader per lane: a response seen waiting is read next, so the last write of a burst flushes.
            if (acks.TryRead(out var response))
            {
                context.WriteOptions = acks.TryPeek(out _) || events.TryPeek(out _) ? BufferedWrite : null;
                await responseStream.WriteAsync(response, context.CancellationToken);
                started = true;
                continue;
            }

            if (events.TryRead(out var tradeEvent))
            {
                var more = acks.TryPeek(out _) || events.TryPeek(out _);
                if (frames is not null && started)
                {
                    frames.Write(tradeEvent.SessionFrame().Span);
                    if (!more)
                    {
                        await frames.FlushAsync(context.CancellationToken);
                    }
                }
                else
                {
                    context.WriteOptions = more ? BufferedWrite : null;
                    await responseStream.WriteAsync(new Wire.TradeSessionResponse { Event = tradeEvent }, context.CancellationToken);
                    started = true;
                }

                continue;
            }

            if (!acksOpen && !eventsOpen)
            {
                return;
            }

            // One pending wait per lane, kept until it completes (a lane that stays idle does not pile up waiters).
            ackWait ??= acksOpen ? acks.WaitToReadAsync(token).AsTask() : null;
            eventWait ??= eventsOpen ? events.WaitToReadAsync(token).AsTask() : null;
            var ready = await Task.WhenAny(ackWait ?? eventWait!, eventWait ?? ackWait!);
            if (ready == ackWait)
            {
                acksOpen = await ackWait;
                ackWait = null;
            }
            else
            {
                eventsOpen = await eventWait!;
                eventWait = null;
            }
        }
    }
}
