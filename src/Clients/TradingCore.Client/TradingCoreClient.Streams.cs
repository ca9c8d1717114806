using System.Globalization;
using System.Runtime.CompilerServices;
using Grpc.Core;
using TradingCore.Contracts.V1;

namespace TradingCore.Client;

public sealed partial class TradingCoreClient
{
    /// <summary>Response header of StreamTradeEvents naming the sequence the stream starts after.</summary>
    private const string StreamStartHeader = "trading-resume-after";

    /// <summary>Streams ticks of <paramref name="symbols"/> (every symbol when empty); see <see cref="StreamTicksAsync(TickSubscription, CancellationToken)"/>.</summary>
    public IAsyncEnumerable<TickStreamEvent> StreamTicksAsync(IEnumerable<string> symbols, CancellationToken cancellationToken = default) =>
        StreamTicksAsync(new TickSubscription { Symbols = [.. symbols] }, cancellationToken);

    /// <summary>
    /// A tick stream that survives disconnects and server restarts. Each connection starts with a snapshot of the
    /// latest tick per symbol, then live ticks. When the connection breaks, the client yields
    /// <see cref="StreamInterrupted"/>, waits with backoff, reconnects with the last sequence number it saw per
    /// symbol, and the server answers with <see cref="TicksMissed"/> for every symbol that moved meanwhile. A
    /// sequence jump the server did not announce is reported the same way, so no gap goes unnoticed. Ends only
    /// when <paramref name="cancellationToken"/> is cancelled or a failure is not transient (bad symbol, no
    /// permission: thrown as <see cref="TradingCoreException"/>).
    /// </summary>
    public IAsyncEnumerable<TickStreamEvent> StreamTicksAsync(TickSubscription subscription, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var tracker = new TickSequenceTracker(subscription.ResumeFrom);
        return ResilientStreamAsync(
            options => MarketData.StreamTicks(tracker.Request(subscription), options),
            call => Task.CompletedTask,
            tracker.Translate,
            (error, attempt, delay) => new StreamInterrupted(error, attempt, delay),
            cancellationToken);
    }

    /// <summary>
    /// The trade events of an account (orders, deals, positions, balance), reconnecting and resuming by sequence
    /// so that each event is yielded exactly once and in order, across disconnects and server restarts.
    /// <paramref name="resumeAfterSequence"/>: replay stored events after it first (0 = from the beginning);
    /// null = live events from now on.
    /// </summary>
    public IAsyncEnumerable<TradeEvent> StreamTradeEventsAsync(long accountId, ulong? resumeAfterSequence = null, CancellationToken cancellationToken = default)
    {
        var last = resumeAfterSequence;
        return ResilientStreamAsync<TradeEvent, TradeEvent>(
            options =>
            {
                var request = new StreamTradeEventsRequest { AccountId = accountId };
                if (last is { } after)
                {
                    request.ResumeAfterSequence = after;
                }

                return Orders.StreamTradeEvents(request, options);
            },
            async call =>
            {
                // A live-only start learns its starting point from the headers, so a reconnect before the first
                // event still resumes without a hole.
                var headers = await call.ResponseHeadersAsync.ConfigureAwait(false);
                if (last is null && headers.GetValue(StreamStartHeader) is { } start && ulong.TryParse(start, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
                {
                    last = parsed;
                }
            },
            tradeEvent =>
            {
                if (last is { } seen && tradeEvent.Sequence <= seen)
                {
                    return (TradeEvent[])[];
                }

                last = tradeEvent.Sequence;
                return (TradeEvent[])[tradeEvent];
            },
            (_, _, _) => null,
            cancellationToken);
    }

    /// <summary>
    /// The reconnect loop shared by every stream: open (with a fresh token), read until the stream breaks, then
    /// classify the failure: cancelled by the caller → OperationCanceledException; refused token → log in again;
    /// transient → note it, back off, reopen (the request is rebuilt, so it carries the latest resume point);
    /// anything else → a typed exception.
    /// </summary>
    private async IAsyncEnumerable<TOut> ResilientStreamAsync<TMessage, TOut>(
        Func<CallOptions, AsyncServerStreamingCall<TMessage>> open,
        Func<AsyncServerStreamingCall<TMessage>, Task> opened,
        Func<TMessage, IEnumerable<TOut>> translate,
        Func<TradingCoreException, int, TimeSpan, TOut?> interrupted,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where TOut : class
    {
        var failures = 0;
        var loggedInAgain = false;
        while (true)
        {
            RpcException? failure = null;
            string? sent = null;
            AsyncServerStreamingCall<TMessage>? call = null;
            try
            {
                await _tokens.EnsureAsync(cancellationToken).ConfigureAwait(false);
                sent = _tokens.Current;
                call = open(new CallOptions(cancellationToken: cancellationToken));
                await opened(call).ConfigureAwait(false);
            }
            catch (RpcException error) when (!cancellationToken.IsCancellationRequested)
            {
                failure = error;
            }
            catch (RpcException error)
            {
                call?.Dispose();
                throw new OperationCanceledException("the stream was cancelled", error, cancellationToken);
            }

            if (call is not null)
            {
                using (call)
                {
                    while (failure is null)
                    {
                        TMessage message;
                        try
                        {
                            if (!await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
                            {
                                failure = new RpcException(new Status(StatusCode.Unavailable, "the server ended the stream"));
                                break;
                            }

                            message = call.ResponseStream.Current;
                        }
                        catch (RpcException error) when (!cancellationToken.IsCancellationRequested)
                        {
                            failure = error;
                            break;
                        }
                        catch (RpcException error)
                        {
                            throw new OperationCanceledException("the stream was cancelled", error, cancellationToken);
                        }

                        failures = 0;
                        loggedInAgain = false;
                        foreach (var item in translate(message))
                        {
                            yield return item;
                        }
                    }
                }
            }

            if (failure!.StatusCode == StatusCode.Unauthenticated && _tokens.CanLogIn && !loggedInAgain)
            {
                loggedInAgain = true;
                _tokens.Invalidate(sent);
                continue;
            }

            failures++;
            var typed = TradingCoreException.FromRpc(failure);
            if (!RpcFailures.IsTransient(failure.StatusCode) || (_options.Retry.StreamMaxReconnects is { } most && failures > most))
            {
                throw typed;
            }

            var delay = Backoff.Delay(_options.Retry, failures, typed.RetryAfter);
            if (interrupted(typed, failures, delay) is { } note)
            {
                yield return note;
            }

            await Backoff.WaitAsync(_options.TimeProvider, delay, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Per-symbol sequence bookkeeping of one resilient tick stream: builds each (re)connection's resume list and
    /// turns wire messages into events, adding a <see cref="TicksMissed"/> for any jump the server did not announce.
    /// </summary>
    private sealed class TickSequenceTracker(IReadOnlyDictionary<string, ulong>? resumeFrom)
    {
        private readonly Dictionary<string, ulong> _last = resumeFrom is null ? new(StringComparer.Ordinal) : new(resumeFrom, StringComparer.Ordinal);
        private readonly HashSet<string> _announced = new(StringComparer.Ordinal);

        public StreamTicksRequest Request(TickSubscription subscription)
        {
            var request = new StreamTicksRequest { Policy = subscription.Policy, BufferSize = subscription.BufferSize };
            request.Symbols.AddRange(subscription.Symbols);
            foreach (var (symbol, sequence) in _last)
            {
                request.Resume.Add(new SymbolSequence { Symbol = symbol, Sequence = sequence });
            }

            return request;
        }

        public IEnumerable<TickStreamEvent> Translate(StreamTicksResponse message)
        {
            switch (message.PayloadCase)
            {
                case StreamTicksResponse.PayloadOneofCase.Tick:
                    var tick = message.Tick;
                    if (!tick.Snapshot && !_announced.Remove(tick.Symbol) && _last.TryGetValue(tick.Symbol, out var previous) && tick.Sequence != previous + 1)
                    {
                        yield return tick.Sequence > previous
                            ? new TicksMissed(tick.Symbol, tick.Sequence - previous - 1, SequenceReset: false)
                            : new TicksMissed(tick.Symbol, 0, SequenceReset: true);
                    }

                    if (tick.Snapshot)
                    {
                        _announced.Remove(tick.Symbol);
                    }

                    _last[tick.Symbol] = tick.Sequence;
                    yield return new TickReceived(tick);
                    break;
                case StreamTicksResponse.PayloadOneofCase.Gap:
                    var gap = message.Gap;
                    if (gap.SequenceReset)
                    {
                        _last.Remove(gap.Symbol);
                    }
                    else
                    {
                        _announced.Add(gap.Symbol);
                    }

                    yield return new TicksMissed(gap.Symbol, gap.Missed, gap.SequenceReset);
                    break;
                case StreamTicksResponse.PayloadOneofCase.SnapshotComplete:
                    yield return new SnapshotCompleted(message.SnapshotComplete.TickCount);
                    break;
                case StreamTicksResponse.PayloadOneofCase.Status:
                    yield return new FeedStatusChanged(message.Status);
                    break;
            }
        }
    }
}
