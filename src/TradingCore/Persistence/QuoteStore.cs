using Microsoft.EntityFrameworkCore;
using TradingCore.Engine.Domain;
using TradingCore.Persistence.Entities;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Persistence;

/// <summary>
/// Market state that outlives a restart: the last quote the engine applied per symbol (table last_quotes) and each
/// MT5 terminal's resume point per symbol (table bridge_resume). Saved by <see cref="Save"/> about once a second and
/// at shutdown, only rows that changed; a kill -9 loses at most the last second, which is harmless: restored quotes
/// are stale until the next tick, and a terminal resuming a little early re-sends ticks the core already applied.
/// </summary>
internal sealed class QuoteStore(CoreDatabase database)
{
    private readonly Dictionary<string, (long TimeMs, ulong Sequence)> _savedQuotes = new(StringComparer.Ordinal);
    private readonly Dictionary<(long Login, string Symbol), long> _savedResume = [];
    private readonly Lock _gate = new();

    /// <summary>The stored last quotes, as engine ticks (UTC).</summary>
    public IReadOnlyList<Tick> LoadQuotes()
    {
        using var context = database.CreateContext();
        return [.. context.LastQuotes.AsNoTracking().AsEnumerable().Select(row => new Tick(row.Symbol, row.TimeMs, row.Bid, row.Ask, row.Last, row.Volume, (uint)row.Flags))];
    }

    /// <summary>The stored resume points per terminal login, as the terminal sent its last accepted ticks (server time).</summary>
    public IReadOnlyDictionary<long, List<Mt5Feed.Bridge.BridgeTick>> LoadResume()
    {
        using var context = database.CreateContext();
        return context.BridgeResume.AsNoTracking().AsEnumerable()
            .GroupBy(row => row.Login)
            .ToDictionary(group => group.Key, group => group.Select(row => new Mt5Feed.Bridge.BridgeTick(row.Symbol, row.TimeMsc, row.Bid, row.Ask, row.Last, row.Volume, (uint)row.Flags)).ToList());
    }

    /// <summary>Stores what changed since the last call. Called from one timer and at shutdown (serialized here).</summary>
    public void Save(IEnumerable<Wire.Tick> quotes, IReadOnlyDictionary<long, IReadOnlyList<Mt5Feed.Bridge.BridgeTick>> resume)
    {
        lock (_gate)
        {
            // A side write: on SQLite it never syncs and waits natively for the write lock, so it never makes the
            // journal wait (CoreDatabase.CreateSideWriteContext).
            using var context = database.CreateSideWriteContext();
            var changed = false;
            foreach (var quote in quotes)
            {
                if (_savedQuotes.TryGetValue(quote.Symbol, out var saved) && saved == (quote.TimeMs, quote.Sequence))
                {
                    continue;
                }

                Upsert(context, context.LastQuotes.Find(quote.Symbol), new LastQuoteEntity
                {
                    Symbol = quote.Symbol,
                    TimeMs = quote.TimeMs,
                    Bid = quote.Bid.ToDecimal(),
                    Ask = quote.Ask.ToDecimal(),
                    Last = quote.Last?.ToDecimal() ?? 0m,
                    Volume = quote.Volume?.ToDecimal() ?? 0m,
                    Flags = quote.Flags,
                });
                _savedQuotes[quote.Symbol] = (quote.TimeMs, quote.Sequence);
                changed = true;
            }

            foreach (var (login, ticks) in resume)
            {
                foreach (var tick in ticks)
                {
                    if (_savedResume.TryGetValue((login, tick.Symbol), out var savedMsc) && savedMsc == tick.TimeMsc)
                    {
                        continue;
                    }

                    Upsert(context, context.BridgeResume.Find(login, tick.Symbol), new BridgeResumeEntity
                    {
                        Login = login,
                        Symbol = tick.Symbol,
                        TimeMsc = tick.TimeMsc,
                        Bid = tick.Bid,
                        Ask = tick.Ask,
                        Last = tick.Last,
                        Volume = tick.Volume,
                        Flags = tick.Flags,
                    });
                    _savedResume[(login, tick.Symbol)] = tick.TimeMsc;
                    changed = true;
                }
            }

            if (changed)
            {
                context.SaveChanges();
            }
        }
    }

    private static void Upsert<T>(TradingDbContext context, T? existing, T row)
        where T : class
    {
        if (existing is null)
        {
            context.Add(row);
        }
        else
        {
            context.Entry(existing).CurrentValues.SetValues(row);
        }
    }
}
