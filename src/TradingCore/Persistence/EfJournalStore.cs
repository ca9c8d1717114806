using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace TradingCore.Persistence;

/// <summary>Writes journal batches through EF Core change tracking: one short-lived context per batch, one SaveChanges.</summary>
internal sealed class EfJournalStore(SqliteConnection connection) : IJournalStore
{
    public string Name => "efcore";

    public void Commit(JournalBatch batch)
    {
        using var context = SqliteDatabase.CreateContext(connection);
        context.ChangeTracker.AutoDetectChangesEnabled = false;
        context.EventBlocks.AddRange(ProjectionRows.EventBlocks(batch.Events));
        context.Deals.AddRange(batch.Deals);
        foreach (var (insert, row) in batch.Accounts.Values)
        {
            context.Entry(row).State = insert ? EntityState.Added : EntityState.Modified;
        }

        foreach (var (insert, row) in batch.Orders.Values)
        {
            context.Entry(row).State = insert ? EntityState.Added : EntityState.Modified;
        }

        foreach (var (existed, closed, row) in batch.Positions.Values)
        {
            if (closed && existed)
            {
                context.Entry(row).State = EntityState.Deleted;
            }
            else if (!closed)
            {
                context.Entry(row).State = existed ? EntityState.Modified : EntityState.Added;
            }
        }

        if (batch.Counters is { } counters)
        {
            context.Entry(counters).State = EntityState.Modified;
        }

        context.SaveChanges();
    }

    public void Dispose()
    {
    }
}
