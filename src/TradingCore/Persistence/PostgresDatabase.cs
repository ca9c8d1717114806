using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using TradingCore.Configuration;

namespace TradingCore.Persistence;

/// <summary>
/// The PostgreSQL store (TradingCore:Persistence:Provider = PostgreSql): the same tables as SQLite's through
/// migrations of its own (Persistence/Migrations/Postgres), the journal in table journal, every connection from one
/// Npgsql data source (its pool) built from TradingCore:Persistence:ConnectionString.
/// </summary>
internal sealed class PostgresDatabase : CoreDatabase, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly DbContextOptions<PostgresTradingDbContext> _contextOptions;

    public PostgresDatabase(TradingCoreOptions options)
        : this(options.Persistence.ConnectionString)
    {
    }

    public PostgresDatabase(string connectionString)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _contextOptions = new DbContextOptionsBuilder<PostgresTradingDbContext>().UseNpgsql(_dataSource).Options;
    }

    public override string Provider => "postgresql";

    /// <summary>The pool every connection of this store comes from.</summary>
    public NpgsqlDataSource DataSource => _dataSource;

    public override void Initialize()
    {
        using var context = CreateContext();
        context.Database.Migrate();
    }

    public override TradingDbContext CreateContext() => new PostgresTradingDbContext(_contextOptions);

    public override DbConnection OpenReadConnection() => _dataSource.OpenConnection();

    public override Journal.IJournal CreateJournal() => new Journal.PostgresJournal(_dataSource);

    public override ProjectionTarget OpenProjectionTarget()
    {
        var connection = _dataSource.OpenConnection();
        return new ProjectionTarget(connection, new PostgresJournalStore(connection));
    }

    public override void UpsertAll<T>(string table, string[] columns, string[] keys, IReadOnlyList<T> rows, Action<T, object?[]> fill)
    {
        var sql = PostgresSql.Upsert(table, columns, keys);
        using var connection = _dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        using var commands = new NpgsqlBatch(connection, transaction);
        var values = new object?[columns.Length];
        foreach (var row in rows)
        {
            fill(row, values);
            commands.BatchCommands.Add(PostgresJournalStore.Command(sql, values));
        }

        if (commands.BatchCommands.Count > 0)
        {
            commands.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    public void Dispose() => _dataSource.Dispose();
}
