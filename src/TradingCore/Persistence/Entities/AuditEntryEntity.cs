namespace TradingCore.Persistence.Entities;

/// <summary>Row of table audit_entries: one administrative change.</summary>
internal sealed class AuditEntryEntity
{
    public long Id { get; set; }

    public long TimeMs { get; set; }

    public string Actor { get; set; } = "";

    public string Action { get; set; } = "";

    public string Target { get; set; } = "";

    public string Before { get; set; } = "";

    public string After { get; set; } = "";
}
