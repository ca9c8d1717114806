using Microsoft.EntityFrameworkCore;

namespace TradingCore.Persistence;

/// <summary>Readers' contexts (history, ledger check) on whichever store is configured.</summary>
internal sealed class CoreContextFactory(CoreDatabase database) : IDbContextFactory<TradingDbContext>
{
    public TradingDbContext CreateDbContext() => database.CreateContext();
}
