using System.Text;
using TradingCore.Engine.Domain;

namespace TradingCore.Mt5Feed.Replay;

/// <summary>
/// Replays a recorded file: an MT5 tick export, an MT5 bar export (ticks generated inside each bar by
/// <see cref="BarTickPath"/>) or an NDJSON tick recording; at real speed, at a multiple, or as fast as possible,
/// optionally looping. Pacing follows the gaps between tick times, measured on the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class ReplayFeed : IMarketFeed
{
    private readonly ReplayOptions _options;
    private readonly TimeProvider _time;
    private readonly Func<string, SymbolSpec?> _specs;
    private readonly string _symbol;

    /// <param name="options">File, symbol, speed, loop.</param>
    /// <param name="time">Clock for pacing and rebasing.</param>
    /// <param name="specs">Looks up a symbol's specification (bar replay needs its point and tick size).</param>
    public ReplayFeed(ReplayOptions options, TimeProvider time, Func<string, SymbolSpec?>? specs = null)
    {
        if (string.IsNullOrWhiteSpace(options.File))
        {
            throw new ArgumentException("TradingCore:Feed:Replay:File must name an MT5 export or NDJSON recording", nameof(options));
        }

        if (options.Speed < 0m)
        {
            throw new ArgumentException("TradingCore:Feed:Replay:Speed must be 0 (as fast as possible) or positive", nameof(options));
        }

        _options = options;
        _time = time;
        _specs = specs ?? (_ => null);
        Format = options.Format == ReplayFormat.Auto ? Detect(options.File) : options.Format;
        _symbol = !string.IsNullOrWhiteSpace(options.Symbol) ? options.Symbol
            : Format == ReplayFormat.Ndjson ? NdjsonSymbol(options.File) ?? TickExportReader.SymbolFromFileName(options.File)
            : TickExportReader.SymbolFromFileName(options.File);
        Symbols = [_symbol];
    }

    /// <inheritdoc />
    public string Name => $"replay:{Path.GetFileName(_options.File)}";

    /// <inheritdoc />
    public IReadOnlyList<string> Symbols { get; }

    /// <summary>The format replayed (detected when configured as Auto).</summary>
    public ReplayFormat Format { get; }

    /// <inheritdoc />
    public async Task RunAsync(ITickWriter writer, CancellationToken cancellationToken)
    {
        // Never run the file synchronously on the caller's thread: an as-fast-as-possible replay may never wait.
        await Task.Yield();
        var lastEmittedMs = long.MinValue;
        do
        {
            using var reader = TickExportReader.Open(_options.File);
            lastEmittedMs = await ReplayPassAsync(Ticks(reader), writer, lastEmittedMs, cancellationToken).ConfigureAwait(false);
        }
        while (_options.Loop && !cancellationToken.IsCancellationRequested);
    }

    private IEnumerable<Tick> Ticks(TextReader reader) => Format switch
    {
        ReplayFormat.Bars => BarTicks(reader),
        ReplayFormat.Ndjson => NdjsonTickReader.Read(reader, _symbol, _options.ServerUtcOffsetSeconds == 0 ? null : _options.ServerUtcOffsetSeconds),
        _ => TickExportReader.Read(reader, _symbol, _options.ServerUtcOffsetSeconds),
    };

    private IEnumerable<Tick> BarTicks(TextReader reader)
    {
        var spec = _specs(_symbol) ?? throw new InvalidOperationException($"replaying bars of {_symbol} needs its symbol specification (point and tick size)");
        var offsetMs = _options.ServerUtcOffsetSeconds * 1000L;
        var configured = _options.BarMinutes > 0 ? TimeSpan.FromMinutes(_options.BarMinutes) : BarExportReader.TimeframeFromFileName(_options.File);
        Mt5BarRow? previous = null;
        foreach (var bar in BarExportReader.Read(reader))
        {
            if (previous is { } earlier)
            {
                var length = configured ?? TimeSpan.FromMilliseconds(Math.Max(1_000, bar.ServerTimeMs - earlier.ServerTimeMs));
                foreach (var tick in BarTickPath.Generate(_symbol, earlier, length, spec.Point, spec.TickSize, offsetMs))
                {
                    yield return tick;
                }
            }

            previous = bar;
        }

        if (previous is { } last)
        {
            foreach (var tick in BarTickPath.Generate(_symbol, last, configured ?? TimeSpan.FromMinutes(1), spec.Point, spec.TickSize, offsetMs))
            {
                yield return tick;
            }
        }
    }

    /// <summary>
    /// Replays one pass and returns the time of its last tick. A rebased pass starts now, or just after the previous
    /// pass's last tick if that is later (a fast replay outruns the clock), so times never go backwards in a loop.
    /// </summary>
    private async Task<long> ReplayPassAsync(IEnumerable<Tick> ticks, ITickWriter writer, long previousLastMs, CancellationToken cancellationToken)
    {
        long? firstTickMs = null;
        var startMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var rebaseStartMs = previousLastMs == long.MinValue ? startMs : Math.Max(startMs, previousLastMs + 1);
        var lastMs = previousLastMs;
        foreach (var tick in ticks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            firstTickMs ??= tick.TimeMs;
            var elapsedInFile = tick.TimeMs - firstTickMs.Value;
            if (_options.Speed > 0m)
            {
                var dueMs = startMs + (long)(elapsedInFile / _options.Speed);
                var waitMs = dueMs - _time.GetUtcNow().ToUnixTimeMilliseconds();
                if (waitMs > 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(waitMs), _time, cancellationToken).ConfigureAwait(false);
                }
            }

            var timeMs = _options.RebaseTime ? rebaseStartMs + elapsedInFile : tick.TimeMs;
            await writer.WriteAsync(tick with { TimeMs = timeMs }, cancellationToken).ConfigureAwait(false);
            lastMs = timeMs;
        }

        return lastMs;
    }

    /// <summary>Looks at the first non-empty line: JSON, a tick export header, or a bar export header.</summary>
    private static ReplayFormat Detect(string path)
    {
        using var reader = TickExportReader.Open(path);
        while (reader.ReadLine() is { } line)
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }

            if (trimmed.StartsWith('{'))
            {
                return ReplayFormat.Ndjson;
            }

            if (Mt5BarExportParser.HasTimeColumn(trimmed) is not null)
            {
                return ReplayFormat.Bars;
            }

            return ReplayFormat.Ticks;
        }

        throw new Mt5FormatException($"{path} is empty");
    }

    private static string? NdjsonSymbol(string path)
    {
        using var reader = TickExportReader.Open(path);
        var first = reader.ReadLine();
        if (first is null || !first.Contains("\"hello\"", StringComparison.Ordinal))
        {
            return null;
        }

        using var document = System.Text.Json.JsonDocument.Parse(Encoding.UTF8.GetBytes(first));
        return document.RootElement.TryGetProperty("symbol", out var symbol) ? symbol.GetString() : null;
    }
}
