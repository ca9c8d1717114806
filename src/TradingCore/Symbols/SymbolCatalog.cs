using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TradingCore.Engine.Domain;
using TradingCore.Mt5Feed.Symbols;
using TradingCore.Persistence;
using TradingCore.Persistence.Entities;

namespace TradingCore.Symbols;

/// <summary>
/// The symbols the core trades. Stored in table symbols of its database (seeded with the MT5-like defaults on
/// first start), changed by administrators. Readers get an immutable snapshot, indexed by name (a lookup per tick
/// costs one hash probe); changes replace it (copy-on-write).
/// </summary>
internal sealed class SymbolCatalog
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };
    private readonly CoreDatabase _database;
    private readonly Lock _writes = new();
    private volatile Snapshot _snapshot;

    /// <summary>A catalog of the default symbols until <see cref="Load"/> reads the stored one.</summary>
    public SymbolCatalog(CoreDatabase database)
        : this(database, DefaultSymbols.All)
    {
    }

    /// <summary>A catalog of <paramref name="symbols"/> until <see cref="Load"/> reads the stored one.</summary>
    public SymbolCatalog(CoreDatabase database, IReadOnlyList<SymbolSpec> symbols)
    {
        _database = database;
        _snapshot = new Snapshot([.. symbols.Select(spec => new CatalogEntry(spec, true))]);
    }

    /// <summary>Every symbol, enabled or not, in display order.</summary>
    public IReadOnlyList<CatalogEntry> Entries => _snapshot.Entries;

    /// <summary>The enabled symbols' specifications, in display order.</summary>
    public IReadOnlyList<SymbolSpec> All => [.. _snapshot.Entries.Where(entry => entry.Enabled).Select(entry => entry.Spec)];

    /// <summary>An enabled symbol's specification.</summary>
    public bool TryGet(string name, [NotNullWhen(true)] out SymbolSpec? spec)
    {
        spec = Find(name) is { Enabled: true } entry ? entry.Spec : null;
        return spec is not null;
    }

    /// <summary>Whether the symbol is known (enabled or not); orders for a disabled one get TRADE_DISABLED.</summary>
    public bool Contains(string name) => Find(name) is not null;

    /// <summary>A symbol by name, enabled or not; null when unknown.</summary>
    public CatalogEntry? Find(string name) => _snapshot.ByName.GetValueOrDefault(name);

    /// <summary>Loads the stored catalog; on first start stores the current (default) symbols.</summary>
    public void Load(long nowMs)
    {
        using var context = _database.CreateContext();
        var rows = context.Symbols.AsNoTracking().OrderBy(row => row.Position).ToList();
        if (rows.Count == 0)
        {
            var position = 0;
            context.Symbols.AddRange(_snapshot.Entries.Select(entry => ToEntity(entry, position++, nowMs)));
            context.SaveChanges();
            return;
        }

        _snapshot = new Snapshot([.. rows.Select(row => new CatalogEntry(JsonSerializer.Deserialize<SymbolSpec>(row.Spec, Json)!, row.Enabled, row.Pinned))]);
    }

    /// <summary>
    /// An operator's specification (Admin/UpsertSymbol): stored, keeping the enabled flag, and pinned against feed
    /// announcements. Returns the entry before and after.
    /// </summary>
    public (CatalogEntry? Before, CatalogEntry After) Upsert(SymbolSpec spec, long nowMs)
    {
        lock (_writes)
        {
            var before = Find(spec.Name);
            return (before, Replace(before, new CatalogEntry(spec, before?.Enabled ?? true, Pinned: true), nowMs));
        }
    }

    /// <summary>
    /// A feed's announcement: applied unless an operator pinned the symbol (then the operator's specification
    /// stays and <c>Applied</c> is false). A new symbol joins the catalog unpinned.
    /// </summary>
    public (CatalogEntry After, bool Applied) Announce(SymbolSpec spec, long nowMs)
    {
        lock (_writes)
        {
            var before = Find(spec.Name);
            if (before is { Pinned: true })
            {
                return (before, false);
            }

            return (Replace(before, new CatalogEntry(spec, before?.Enabled ?? true), nowMs), true);
        }
    }

    /// <summary>Releases an operator's pin: the next feed announcement applies again. Null when the symbol is unknown.</summary>
    public (CatalogEntry Before, CatalogEntry After)? Release(string name, long nowMs)
    {
        lock (_writes)
        {
            return Find(name) is { } before ? (before, Replace(before, before with { Pinned = false }, nowMs)) : null;
        }
    }

    /// <summary>Enables or disables a symbol; null when it is unknown.</summary>
    public (CatalogEntry Before, CatalogEntry After)? SetEnabled(string name, bool enabled, long nowMs)
    {
        lock (_writes)
        {
            if (Find(name) is not { } before)
            {
                return null;
            }

            return (before, Replace(before, before with { Enabled = enabled }, nowMs));
        }
    }

    /// <summary>Stores <paramref name="after"/> in place of <paramref name="before"/> (added when null); under the write lock.</summary>
    private CatalogEntry Replace(CatalogEntry? before, CatalogEntry after, long nowMs)
    {
        Save(after, before is null, nowMs);
        _snapshot = new Snapshot(before is null ? [.. _snapshot.Entries, after] : [.. _snapshot.Entries.Select(entry => entry == before ? after : entry)]);
        return after;
    }

    private void Save(CatalogEntry entry, bool isNew, long nowMs)
    {
        using var context = _database.CreateContext();
        var entries = _snapshot.Entries;
        var position = isNew ? entries.Count : entries.ToList().FindIndex(candidate => candidate.Spec.Name == entry.Spec.Name);
        var row = ToEntity(entry, position, nowMs);
        if (isNew)
        {
            context.Symbols.Add(row);
        }
        else
        {
            context.Symbols.Update(row);
        }

        context.SaveChanges();
    }

    private static SymbolEntity ToEntity(CatalogEntry entry, int position, long nowMs) => new()
    {
        Name = entry.Spec.Name,
        Position = position,
        Spec = JsonSerializer.Serialize(entry.Spec, Json),
        Enabled = entry.Enabled,
        Pinned = entry.Pinned,
        UpdatedMs = nowMs,
    };

    /// <summary>One version of the catalog: the entries in display order and the same entries by name.</summary>
    private sealed class Snapshot(IReadOnlyList<CatalogEntry> entries)
    {
        public IReadOnlyList<CatalogEntry> Entries { get; } = entries;

        public FrozenDictionary<string, CatalogEntry> ByName { get; } = entries.ToFrozenDictionary(entry => entry.Spec.Name, StringComparer.Ordinal);
    }
}
