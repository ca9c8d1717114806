using Google.Protobuf;
using Microsoft.EntityFrameworkCore;
using TradingCore.Persistence;
using TradingCore.Persistence.Entities;

namespace TradingCore.Security;

/// <summary>
/// The audit trail of administrative changes (table audit_entries): who (key id), what (action and target), when,
/// and the state before and after as JSON. Written after the change itself is stored.
/// </summary>
internal sealed class AuditLog(CoreDatabase database, TimeProvider time)
{
    /// <summary>Records a change; states are the wire messages (as protobuf JSON), null when absent.</summary>
    public void Write(string actor, string action, string target, IMessage? before, IMessage? after)
    {
        using var context = database.CreateContext();
        context.AuditEntries.Add(new AuditEntryEntity
        {
            TimeMs = time.GetUtcNow().ToUnixTimeMilliseconds(),
            Actor = actor,
            Action = action,
            Target = target,
            Before = before is null ? "" : JsonFormatter.Default.Format(before),
            After = after is null ? "" : JsonFormatter.Default.Format(after),
        });
        context.SaveChanges();
    }

    /// <summary>Entries newest first; <paramref name="beforeId"/> (0 = from the newest) continues a page.</summary>
    public async Task<IReadOnlyList<AuditEntryEntity>> ListAsync(long beforeId, int limit, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        var rows = context.AuditEntries.AsNoTracking();
        if (beforeId > 0)
        {
            rows = rows.Where(entry => entry.Id < beforeId);
        }

        return await rows.OrderByDescending(entry => entry.Id).Take(limit).ToListAsync(cancellationToken).ConfigureAwait(false);
    }
}
