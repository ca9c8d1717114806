namespace TradingCore.Persistence.Entities;

/// <summary>Row of table symbols: a symbol's specification (JSON of the engine's SymbolSpec) and whether it is enabled.</summary>
internal sealed class SymbolEntity
{
    public string Name { get; set; } = "";

    /// <summary>Display order (the order symbols were added).</summary>
    public int Position { get; set; }

    public string Spec { get; set; } = "";

    public bool Enabled { get; set; } = true;

    /// <summary>Set by an operator: feed announcements leave the specification alone (CatalogEntry.Pinned).</summary>
    public bool Pinned { get; set; }

    public long UpdatedMs { get; set; }
}
