using TradingCore.Engine.Domain;

namespace TradingCore.Mt5Feed.Replay;

/// <summary>
/// Replays an MT5 tick export: at real speed, at a multiple, or as fast as possible, optionally looping. Pacing
/// follows the gaps between tick times, measured on the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class TickExportReplayFeed : IMarketFeed
{
    private readonly ReplayOptions _options;
    private readonly TimeProvider _time;
    private readonly string _symbol;

    public TickExportReplayFeed(ReplayOptions options, TimeProvider time)
    {
        if (string.IsNullOrWhiteSpace(options.File))
        {
            throw new ArgumentException("TradingCore:Feed:Replay:File must name an MT5 tick export file", nameof(options));
        }

        if (options.Speed < 0m)
        {
            throw new ArgumentException("TradingCore:Feed:Replay:Speed must be 0 (as fast as possible) or positive", nameof(options));
        }

        _options = options;
        _time = time;
        _symbol = string.IsNullOrWhiteSpace(options.Symbol) ? TickExportReader.SymbolFromFileName(options.File) : options.Symbol;
        Symbols = [_symbol];
    }

    public string Name => $"replay:{Path.GetFileName(_options.File)}";

    public IReadOnlyList<string> Symbols { get; }

    public async Task RunAsync(ITickWriter writer, CancellationToken cancellationToken)
    {
        do
        {
            using var reader = TickExportReader.Open(_options.File);
            await ReplayPassAsync(reader, writer, cancellationToken).ConfigureAwait(false);
        }
        while (_options.Loop && !cancellationToken.IsCancellationRequested);
    }

    private async Task ReplayPassAsync(TextReader reader, ITickWriter writer, CancellationToken cancellationToken)
    {
        long? firstTickMs = null;
        var startMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var tick in TickExportReader.Read(reader, _symbol, _options.ServerUtcOffsetSeconds))
        {
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

            var timeMs = _options.RebaseTime ? startMs + elapsedInFile : tick.TimeMs;
            await writer.WriteAsync(tick with { TimeMs = timeMs }, cancellationToken).ConfigureAwait(false);
        }
    }
}
