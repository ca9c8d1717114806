using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TradingCore.Engine.Domain;
using TradingCore.Mt5Feed.Symbols;
using TradingCore.Persistence;
using TradingCore.Persistence.Entities;

namespace TradingCore.Hosting;

/// <summary>
/// The symbols the core trades. Stored in table symbols (seeded with the MT5-like defaults on first start),
/// changed by administrators. Readers get an immutable snapshot; changes replace it (copy-on-write).
/// </summary>
internal sealed class SymbolCatalog
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };
    private readonly Lock _writes = new();
    private volatile IReadOnlyList<CatalogEntry> _entries;

    public SymbolCatalog()
        : this(DefaultSymbols.All)
    {
    }

    public SymbolCatalog(IReadOnlyList<SymbolSpec> symbols)
    {
        _entries = [.. symbols.Select(spec => new CatalogEntry(spec, true))];
    }

    /// <summary>Every symbol, enabled or not, in display order.</summary>
    public IReadOnlyList<CatalogEntry> Entries => _entries;

    /// <summary>The enabled symbols' specifications, in display order.</summary>
    public IReadOnlyList<SymbolSpec> All => [.. _entries.Where(entry => entry.Enabled).Select(entry => entry.Spec)];

    /// <summary>An enabled symbol's specification.</summary>
    public bool TryGet(string name, [NotNullWhen(true)] out SymbolSpec? spec)
    {
        spec = Find(name) is { Enabled: true } entry ? entry.Spec : null;
        return spec is not null;
    }

    /// <summary>Whether the symbol is known (enabled or not); orders for a disabled one get TRADE_DISABLED.</summary>
    public bool Contains(string name) => Find(name) is not null;

    public CatalogEntry? Find(string name) => _entries.FirstOrDefault(entry => string.Equals(entry.Spec.Name, name, StringComparison.Ordinal));

    /// <summary>Loads the stored catalog; on first start stores the current (default) symbols.</summary>
    public void Load(SqliteDatabase database, long nowMs)
    {
        using var context = SqliteDatabase.CreateContext(database.ConnectionString);
        var rows = context.Symbols.AsNoTracking().OrderBy(row => row.Position).ToList();
        if (rows.Count == 0)
        {
            var position = 0;
            context.Symbols.AddRange(_entries.Select(entry => ToEntity(entry, position++, nowMs)));
            context.SaveChanges();
            return;
        }

        _entries = [.. rows.Select(row => new CatalogEntry(JsonSerializer.Deserialize<SymbolSpec>(row.Spec, Json)!, row.Enabled))];
    }

    /// <summary>Stores a new or changed specification (keeping the enabled flag) and returns the entry before and after.</summary>
    public (CatalogEntry? Before, CatalogEntry After) Upsert(SqliteDatabase database, SymbolSpec spec, long nowMs)
    {
        lock (_writes)
        {
            var before = Find(spec.Name);
            var after = new CatalogEntry(spec, before?.Enabled ?? true);
            Save(database, after, before is null, nowMs);
            _entries = before is null ? [.. _entries, after] : [.. _entries.Select(entry => entry == before ? after : entry)];
            return (before, after);
        }
    }

    /// <summary>Enables or disables a symbol; null when it is unknown.</summary>
    public (CatalogEntry Before, CatalogEntry After)? SetEnabled(SqliteDatabase database, string name, bool enabled, long nowMs)
    {
        lock (_writes)
        {
            if (Find(name) is not { } before)
            {
                return null;
            }

            var after = before with { Enabled = enabled };
            Save(database, after, isNew: false, nowMs);
            _entries = [.. _entries.Select(entry => entry == before ? after : entry)];
            return (before, after);
        }
    }

    private void Save(SqliteDatabase database, CatalogEntry entry, bool isNew, long nowMs)
    {
        using var context = SqliteDatabase.CreateContext(database.ConnectionString);
        var position = isNew ? _entries.Count : _entries.ToList().FindIndex(candidate => candidate.Spec.Name == entry.Spec.Name);
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
        UpdatedMs = nowMs,
    };
}
