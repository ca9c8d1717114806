using TradingCore.Persistence.Entities;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Mapping;

/// <summary>A stored audit entry as Admin/ListAuditEntries returns it.</summary>
internal static class AuditMapper
{
    public static Wire.AuditEntry ToProto(AuditEntryEntity row) => new()
    {
        Id = row.Id,
        TimeMs = row.TimeMs,
        Actor = row.Actor,
        Action = row.Action,
        Target = row.Target,
        Before = row.Before,
        After = row.After,
    };
}
