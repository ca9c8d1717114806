using System.Buffers;
using System.IO.Pipelines;
using Grpc.Core;
using TradingCore.Streaming;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Grpc;

/// <summary>
/// The single writer of one tick stream. Remembers the last sequence sent per symbol: live ticks the snapshot
/// already covered are skipped, and a jump in sequence is announced with a TickGap before the tick. On a gRPC
/// stream (<paramref name="frames"/>: its response body) a live tick is written as the gRPC frame encoded once for
/// every subscriber (<see cref="Wire.StreamTicksResponse.Frame"/>) instead of being serialized again for this one;
/// everything else, and every tick of an HTTP/JSON stream, goes through grpc-dotnet's writer.
/// </summary>
internal sealed class TickStreamWriter(IServerStreamWriter<Wire.StreamTicksResponse> stream, PipeWriter? frames)
{
    private readonly Dictionary<string, ulong> _lastSent = new(StringComparer.Ordinal);

    /// <summary>
    /// The latest tick of each symbol. A reconnecting client names its last sequences in <paramref name="resume"/>:
    /// a snapshot tick that does not follow on is preceded by a gap message (or a sequence reset after a restart).
    /// </summary>
    public async Task WriteSnapshotAsync(IEnumerable<string> symbols, TickHub ticks, IReadOnlyDictionary<string, ulong> resume, CancellationToken cancellationToken)
    {
        uint count = 0;
        foreach (var symbol in symbols)
        {
            if (!ticks.TryGetLast(symbol, out var last))
            {
                // The client saw ticks of this symbol that this server run never had: its sequence restarted.
                if (resume.TryGetValue(symbol, out var before) && before > 0)
                {
                    await stream.WriteAsync(new Wire.StreamTicksResponse { Gap = new Wire.TickGap { Symbol = symbol, SequenceReset = true } }, cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            if (resume.TryGetValue(symbol, out var seen) && last.Sequence != seen + 1 && last.Sequence != seen)
            {
                var gap = last.Sequence > seen
                    ? new Wire.TickGap { Symbol = symbol, Missed = last.Sequence - seen - 1 }
                    : new Wire.TickGap { Symbol = symbol, SequenceReset = true };
                await stream.WriteAsync(new Wire.StreamTicksResponse { Gap = gap }, cancellationToken).ConfigureAwait(false);
            }

            var snapshot = last.Clone();
            snapshot.Snapshot = true;
            _lastSent[symbol] = snapshot.Sequence;
            await stream.WriteAsync(new Wire.StreamTicksResponse { Tick = snapshot }, cancellationToken).ConfigureAwait(false);
            count++;
        }

        await stream.WriteAsync(new Wire.StreamTicksResponse { SnapshotComplete = new Wire.SnapshotComplete { TickCount = count } }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes a live message; false when it was not written (a tick the snapshot already covered). A burst's writes
    /// are gathered: grpc-dotnet's by the call's write options, a tick frame's unless <paramref name="flush"/>.
    /// </summary>
    public async Task<bool> WriteLiveAsync(Wire.StreamTicksResponse response, bool flush, CancellationToken cancellationToken)
    {
        if (response.PayloadCase != Wire.StreamTicksResponse.PayloadOneofCase.Tick)
        {
            await stream.WriteAsync(response, cancellationToken).ConfigureAwait(false);
            return true;
        }

        var tick = response.Tick;
        if (_lastSent.TryGetValue(tick.Symbol, out var last))
        {
            if (tick.Sequence <= last)
            {
                return false;
            }

            if (tick.Sequence > last + 1)
            {
                var gap = new Wire.TickGap { Symbol = tick.Symbol, Missed = tick.Sequence - last - 1 };
                await stream.WriteAsync(new Wire.StreamTicksResponse { Gap = gap }, cancellationToken).ConfigureAwait(false);
            }
        }

        _lastSent[tick.Symbol] = tick.Sequence;
        if (frames is null)
        {
            await stream.WriteAsync(response, cancellationToken).ConfigureAwait(false);
            return true;
        }

        // The bytes grpc-dotnet would write for this message (no response compression is configured), copied.
        frames.Write(response.Frame().Span);
        if (flush)
        {
            await frames.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        return true;
    }
}
