using System.Threading.Channels;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using TradingCore.Persistence;
using TradingCore.Persistence.Entities;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Bars;

/// <summary>
/// Bars in table bars. Completed bars (and, at shutdown, the forming ones) are queued by the aggregator and
/// written in batches by one task with prepared upserts; history reads use EF Core. Writing a bar twice (a forming
/// bar stored at shutdown, then completed after a restart) replaces it. Until its batch is written, a queued bar is
/// also kept in memory and merged into history reads, so a bar announced as closed is readable at once.
/// </summary>
internal sealed class BarStore : IAsyncDisposable
{
    private static readonly string[] Columns = ["Symbol", "Timeframe", "TimeMs", "Open", "High", "Low", "Close", "TickVolume", "RealVolume", "Spread"];

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Symbol, int Timeframe, long TimeMs), BarEntity> _unwritten = new();
    private readonly Channel<BarEntity> _queue;
    private readonly CoreDatabase _database;
    private readonly ILogger<BarStore> _logger;
    private Task _writer = Task.CompletedTask;

    public BarStore(CoreDatabase database, ILogger<BarStore> logger)
    {
        _database = database;
        _logger = logger;
        _queue = Channel.CreateBounded<BarEntity>(new BoundedChannelOptions(100_000) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest }, Forget);
    }


    public void Start() => _writer = Task.Run(WriteLoopAsync);

    /// <summary>Queues a bar for storage; never blocks (called on the engine thread).</summary>
    public void Enqueue(BarState bar)
    {
        var entity = ToEntity(bar.Symbol, bar.Timeframe, bar.ToWire());
        _unwritten[(entity.Symbol, entity.Timeframe, entity.TimeMs)] = entity;
        _queue.Writer.TryWrite(entity);
    }

    /// <summary>
    /// Stores imported bars (admin import, already checked), replacing bars with the same open time. Written in
    /// transactions of <see cref="ImportBatch"/> bars, so a large import never holds SQLite's one write lock for
    /// long (the projection and bar writer take turns); a crash midway leaves a prefix, and importing again replaces it.
    /// </summary>
    public int Import(IReadOnlyList<BarEntity> bars)
    {
        for (var start = 0; start < bars.Count; start += ImportBatch)
        {
            Write(bars.Skip(start).Take(ImportBatch).ToList());
        }

        return bars.Count;
    }

    /// <summary>Bars per transaction of an import.</summary>
    public const int ImportBatch = 5_000;

    /// <summary>Stored bars of [from, to) by open time, the newest <paramref name="limit"/>, returned oldest first.</summary>
    public async Task<IReadOnlyList<Wire.Bar>> HistoryAsync(string symbol, Wire.Timeframe timeframe, long fromMs, long toMs, int limit, CancellationToken cancellationToken)
    {
        // The overlay is read before the table: a bar written (and dropped from the overlay) in between is then in
        // the table read, and no bar can fall between the two reads.
        var pendingBars = _unwritten.Values.Where(pending => pending.Symbol == symbol && pending.Timeframe == (int)timeframe && pending.TimeMs >= fromMs && pending.TimeMs < toMs).ToList();
        await using var context = _database.CreateContext();
        var rows = await context.Bars.AsNoTracking()
            .Where(bar => bar.Symbol == symbol && bar.Timeframe == (int)timeframe && bar.TimeMs >= fromMs && bar.TimeMs < toMs)
            .OrderByDescending(bar => bar.TimeMs)
            .Take(limit)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        var merged = rows.ToDictionary(row => row.TimeMs);
        foreach (var pending in pendingBars)
        {
            merged[pending.TimeMs] = pending;
        }

        return [.. merged.Values.Where(Readable).OrderByDescending(bar => bar.TimeMs).Take(limit).OrderBy(bar => bar.TimeMs).Select(ToWire)];
    }

    /// <summary>Stored bars of [from, to) by open time, oldest first, at most <paramref name="limit"/> (a backtest's data).</summary>
    public async Task<IReadOnlyList<BarEntity>> RangeAsync(string symbol, Wire.Timeframe timeframe, long fromMs, long toMs, int limit, CancellationToken cancellationToken)
    {
        await using var context = _database.CreateContext();
        var rows = await context.Bars.AsNoTracking()
            .Where(bar => bar.Symbol == symbol && bar.Timeframe == (int)timeframe && bar.TimeMs >= fromMs && bar.TimeMs < toMs)
            .OrderBy(bar => bar.TimeMs)
            .Take(limit)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return [.. rows.Where(Readable)];
    }

    /// <summary>The newest stored bar of every symbol and timeframe (to continue a bar across a restart).</summary>
    public IReadOnlyList<(string Symbol, Wire.Timeframe Timeframe, Wire.Bar Bar)> Latest()
    {
        using var context = _database.CreateContext();
        var rows = context.Bars.FromSqlRaw(
            "SELECT b.* FROM \"bars\" AS b JOIN (SELECT \"Symbol\", \"Timeframe\", MAX(\"TimeMs\") AS \"TimeMs\" FROM \"bars\" GROUP BY \"Symbol\", \"Timeframe\") AS m " +
            "ON b.\"Symbol\" = m.\"Symbol\" AND b.\"Timeframe\" = m.\"Timeframe\" AND b.\"TimeMs\" = m.\"TimeMs\"").AsNoTracking().ToList();
        return [.. rows.Where(Readable).Select(row => (row.Symbol, (Wire.Timeframe)row.Timeframe, ToWire(row)))];
    }

    /// <summary>Writes what is queued and stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    public static BarEntity ToEntity(string symbol, Wire.Timeframe timeframe, Wire.Bar bar) => new()
    {
        Symbol = symbol,
        Timeframe = (int)timeframe,
        TimeMs = bar.TimeMs,
        Open = bar.Open.ToDecimal(),
        High = bar.High.ToDecimal(),
        Low = bar.Low.ToDecimal(),
        Close = bar.Close.ToDecimal(),
        TickVolume = bar.TickVolume,
        RealVolume = bar.RealVolume?.ToDecimal() ?? 0m,
        Spread = bar.Spread,
    };

    private async Task WriteLoopAsync()
    {
        var batch = new List<BarEntity>();
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < 1_000 && _queue.Reader.TryRead(out var bar))
            {
                batch.Add(bar);
            }

            try
            {
                Write(batch);
            }
            catch (DbException error)
            {
                // Bars are market-data history, rebuilt from ticks; a failed batch is logged, trading goes on.
                Diagnostics.Log.BarsNotStored(_logger, batch.Count, error);
            }

            foreach (var bar in batch)
            {
                Forget(bar);
            }
        }
    }

    /// <summary>Drops a bar from the in-memory overlay once written (or dropped), unless a newer version replaced it.</summary>
    private void Forget(BarEntity bar) => _unwritten.TryRemove(new KeyValuePair<(string, int, long), BarEntity>((bar.Symbol, bar.Timeframe, bar.TimeMs), bar));

    private void Write(IReadOnlyList<BarEntity> bars) => _database.UpsertAll("bars", Columns, ["Symbol", "Timeframe", "TimeMs"], bars, static (bar, values) =>
    {
        values[0] = bar.Symbol;
        values[1] = bar.Timeframe;
        values[2] = bar.TimeMs;
        values[3] = bar.Open;
        values[4] = bar.High;
        values[5] = bar.Low;
        values[6] = bar.Close;
        values[7] = bar.TickVolume;
        values[8] = bar.RealVolume;
        values[9] = bar.Spread;
    });

    /// <summary>
    /// Whether a stored bar is within the admitted ranges. Imports and the aggregator store nothing else; rows written
    /// before the ranges existed are skipped rather than failing every read over them.
    /// </summary>
    private static bool Readable(BarEntity row) =>
        Engine.Domain.ValueRanges.IsPrice(row.Open) && Engine.Domain.ValueRanges.IsPrice(row.High)
        && Engine.Domain.ValueRanges.IsPrice(row.Low) && Engine.Domain.ValueRanges.IsPrice(row.Close)
        && row.RealVolume >= 0m && row.RealVolume <= BarState.MaxRealVolume && Engine.Domain.ValueRanges.IsTime(row.TimeMs);

    private static Wire.Bar ToWire(BarEntity row) => new()
    {
        TimeMs = row.TimeMs,
        Open = Wire.Decimal.FromDecimal(row.Open),
        High = Wire.Decimal.FromDecimal(row.High),
        Low = Wire.Decimal.FromDecimal(row.Low),
        Close = Wire.Decimal.FromDecimal(row.Close),
        TickVolume = row.TickVolume,
        RealVolume = Wire.Decimal.FromDecimal(row.RealVolume),
        Spread = row.Spread,
    };
}
