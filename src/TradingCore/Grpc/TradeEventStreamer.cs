using Grpc.Core;
using Microsoft.Extensions.Options;
using TradingCore.Configuration;
using TradingCore.Hosting;
using TradingCore.Persistence;
using TradingCore.Streaming;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Grpc;

/// <summary>
/// Streams one account's trade events gap-free: subscribe to live events first, replay stored events after the
/// resume point from the journal, then continue with live events, skipping any already sent (by sequence).
/// </summary>
internal sealed class TradeEventStreamer(TradeEventHub hub, HistoryReader history, IOptions<TradingCoreOptions> options, Diagnostics.TradingCoreMetrics? metrics = null)
{
    private const int ReplayPage = 1000;

    /// <param name="accountId">The account whose events are streamed.</param>
    /// <param name="resumeAfter">
    /// Replay stored events after this sequence first; null = live only, which starts after the last event
    /// published when the subscription was made (events of a batch being published at that moment are replayed
    /// from storage, so even live-only streams start gap-free).
    /// </param>
    /// <param name="write">Writes one event to the client (the stream's single writer).</param>
    /// <param name="subscribed">
    /// Called once the live subscription exists, before anything is written, with the sequence the stream starts
    /// after: a client that reconnects with it as resume point misses nothing.
    /// </param>
    /// <param name="cancellationToken">Ends the stream.</param>
    public async Task RunAsync(long accountId, ulong? resumeAfter, Func<Wire.TradeEvent, CancellationToken, Task> write, Func<ulong, Task>? subscribed, CancellationToken cancellationToken)
    {
        var capacity = options.Value.Streams.EventBuffer;
        using var subscription = hub.Subscribe(accountId, capacity);
        var last = resumeAfter ?? hub.LastSequence;
        if (subscribed is not null)
        {
            await subscribed(last).ConfigureAwait(false);
        }

        while (true)
        {
            var page = await history.EventsAfterAsync(accountId, last, ReplayPage, cancellationToken).ConfigureAwait(false);
            foreach (var (sequence, payload) in page)
            {
                await write(Wire.TradeEvent.Parser.ParseFrom(payload.Span), cancellationToken).ConfigureAwait(false);
                last = sequence;
            }

            if (page.Count < ReplayPage)
            {
                break;
            }
        }

        await foreach (var (tradeEvent, published) in subscription.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (tradeEvent.Sequence <= last)
            {
                continue;
            }

            await write(tradeEvent, cancellationToken).ConfigureAwait(false);
            metrics?.EventWritten(published);
            last = tradeEvent.Sequence;
        }

        if (subscription.Overflowed)
        {
            throw new RpcException(new Status(
                StatusCode.ResourceExhausted,
                $"the event stream fell more than {capacity} events behind; reconnect with resume_after_sequence={last}"));
        }
    }
}
