using Microsoft.EntityFrameworkCore;
using TradingCore.Persistence.Entities;

namespace TradingCore.Persistence;

/// <summary>
/// The PostgreSQL store's context: the same tables as SQLite's (the same entity configurations) plus table
/// <c>journal</c>, where that store appends its journal records, and <c>core_lease</c>, which core may append. A type of its own so that its migrations
/// (Persistence/Migrations/Postgres) are told apart from SQLite's.
/// </summary>
internal sealed class PostgresTradingDbContext(DbContextOptions<PostgresTradingDbContext> options) : TradingDbContext(options)
{
    public DbSet<JournalRecordEntity> Journal => Set<JournalRecordEntity>();

    public DbSet<LeaseEntity> Lease => Set<LeaseEntity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        var journal = modelBuilder.Entity<JournalRecordEntity>();
        journal.ToTable("journal");
        journal.HasKey(record => record.Seq);
        journal.Property(record => record.Seq).ValueGeneratedNever();
        journal.Property(record => record.Payload).IsRequired();
        var lease = modelBuilder.Entity<LeaseEntity>();
        lease.ToTable("core_lease");
        lease.HasKey(row => row.Id);
        lease.Property(row => row.Id).ValueGeneratedNever();
        lease.Property(row => row.Holder).HasMaxLength(256).IsRequired();
        lease.HasData(new LeaseEntity());
    }
}
