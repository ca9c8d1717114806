using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace TradingCore.Persistence;

/// <summary>Lets `dotnet ef migrations add --context PostgresTradingDbContext` build the model without a server.</summary>
internal sealed class PostgresDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgresTradingDbContext>
{
    public PostgresTradingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresTradingDbContext>().UseNpgsql("Host=localhost;Database=trading").Options);
}
