using System.Text;
using TradingCore.Client;

namespace TradingCore.Samples.TickRecorder;

/// <summary>What to record and where.</summary>
public sealed record RecorderSettings
{
    /// <summary>Symbols to record.</summary>
    public IReadOnlyList<string> Symbols { get; init; } = ["EURUSD"];

    /// <summary>Directory of the export files (one per symbol).</summary>
    public string Directory { get; init; } = "ticks";

    /// <summary>The trade server's UTC offset written into the files (MT5 exports are in server time).</summary>
    public int ServerUtcOffsetSeconds { get; init; }

    /// <summary>Stop after this many ticks in total (0 = until cancelled).</summary>
    public int MaxTicks { get; init; }
}

/// <summary>
/// Records live ticks, one MT5 tick-export file per symbol. While recording a file is named
/// <c>SYMBOL_START.csv.part</c>; when the recorder stops it gets MT5's name with the first and last tick time, so
/// a finished file can be fed straight to the core's Replay feed. Ticks lost while the client was behind or
/// disconnected cannot be recovered: each gap is reported on the log (an export has no place for it).
/// </summary>
public sealed class Recorder(TradingCoreClient client, RecorderSettings settings, TextWriter log)
{
    /// <summary>Records until cancelled or <see cref="RecorderSettings.MaxTicks"/>; returns the finished files.</summary>
    public async Task<IReadOnlyList<string>> RunAsync(CancellationToken cancellationToken)
    {
        var digits = (await client.ListSymbolsAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(symbol => symbol.Name, symbol => symbol.Digits, StringComparer.Ordinal);
        foreach (var symbol in settings.Symbols.Where(symbol => !digits.ContainsKey(symbol)))
        {
            throw new ArgumentException($"unknown symbol {symbol}");
        }

        System.IO.Directory.CreateDirectory(settings.Directory);
        var files = new Dictionary<string, (string Path, StreamWriter Stream, Mt5TickWriter Writer)>(StringComparer.Ordinal);
        var total = 0;
        try
        {
            // A recording wants every tick: queued delivery (DROP_OLDEST), never the default conflation, which hands a
            // slow reader only the latest tick per symbol. A gap the buffer could not hold is reported (TicksMissed).
            var subscription = new TickSubscription { Symbols = [.. settings.Symbols], Policy = TradingCore.Contracts.V1.TickDeliveryPolicy.DropOldest };
            await foreach (var item in client.StreamTicksAsync(subscription, cancellationToken).ConfigureAwait(false))
            {
                switch (item)
                {
                    case TickReceived { Tick: var tick } when !tick.Snapshot:
                        if (!files.TryGetValue(tick.Symbol, out var file))
                        {
                            var path = Path.Combine(settings.Directory, $"{tick.Symbol}_{tick.TimeMs}.csv.part");
                            var stream = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                            file = files[tick.Symbol] = (path, stream, new Mt5TickWriter(stream, digits[tick.Symbol], settings.ServerUtcOffsetSeconds));
                        }

                        file.Writer.Write(tick);
                        if (settings.MaxTicks > 0 && ++total >= settings.MaxTicks)
                        {
                            return Finish(files);
                        }

                        break;
                    case SnapshotCompleted:
                        log.WriteLine($"tick-recorder: recording {string.Join(',', settings.Symbols)} from the next tick");
                        break;
                    case TicksMissed missed:
                        log.WriteLine(missed.SequenceReset
                            ? $"tick-recorder: {missed.Symbol}: server restarted, ticks before the reconnect may be missing"
                            : $"tick-recorder: {missed.Symbol}: {missed.Missed} ticks not received");
                        break;
                    case StreamInterrupted interrupted:
                        log.WriteLine($"tick-recorder: stream interrupted ({interrupted.Error.Message}); reconnecting");
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: close the files under their final names.
        }

        return Finish(files);
    }

    private List<string> Finish(Dictionary<string, (string Path, StreamWriter Stream, Mt5TickWriter Writer)> files)
    {
        var finished = new List<string>();
        foreach (var (symbol, file) in files)
        {
            file.Stream.Dispose();
            var (first, last) = file.Writer.Span!.Value;
            var target = Path.Combine(settings.Directory, Mt5TickWriter.FileName(symbol, first, last));
            File.Move(file.Path, target, overwrite: true);
            log.WriteLine($"tick-recorder: {file.Writer.Count} {symbol} ticks in {target}");
            finished.Add(target);
        }

        return finished;
    }
}
