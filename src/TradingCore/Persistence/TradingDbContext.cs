using Microsoft.EntityFrameworkCore;
using TradingCore.Persistence.Entities;

namespace TradingCore.Persistence;

/// <summary>
/// The core's database. Short-lived: the journal writer creates one per batch on its own connection; readers get
/// theirs from the <see cref="IDbContextFactory{TContext}"/>. Never shared across threads. This type is the SQLite
/// store's (its migrations name it); PostgreSQL's is <see cref="PostgresTradingDbContext"/>, the same model plus the
/// journal table, with migrations of its own.
/// </summary>
internal class TradingDbContext : DbContext
{
    public TradingDbContext(DbContextOptions<TradingDbContext> options)
        : base(options)
    {
    }

    /// <summary>For a provider's own context type (its migrations are told apart by type).</summary>
    protected TradingDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<AccountEntity> Accounts => Set<AccountEntity>();

    public DbSet<OrderEntity> Orders => Set<OrderEntity>();

    public DbSet<DealEntity> Deals => Set<DealEntity>();

    public DbSet<PositionEntity> Positions => Set<PositionEntity>();

    /// <summary>Events as older versions stored them, one row each (still read by the stream's replay; nothing writes them now).</summary>
    public DbSet<TradeEventEntity> TradeEvents => Set<TradeEventEntity>();

    public DbSet<EventBlockEntity> EventBlocks => Set<EventBlockEntity>();

    public DbSet<EngineStateEntity> EngineState => Set<EngineStateEntity>();

    public DbSet<ApiKeyEntity> ApiKeys => Set<ApiKeyEntity>();

    public DbSet<AuditEntryEntity> AuditEntries => Set<AuditEntryEntity>();

    public DbSet<SymbolEntity> Symbols => Set<SymbolEntity>();

    public DbSet<BarEntity> Bars => Set<BarEntity>();

    public DbSet<LastQuoteEntity> LastQuotes => Set<LastQuoteEntity>();

    public DbSet<BridgeResumeEntity> BridgeResume => Set<BridgeResumeEntity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(TradingDbContext).Assembly);
}
