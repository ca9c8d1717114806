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
internal sealed class PostgresDatabase : CoreDatabase, IDisposable, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly DbContextOptions<PostgresTradingDbContext> _contextOptions;
    private readonly string _connectionString;
    private readonly TimeSpan _leaseInterval;
    private readonly TimeSpan _takeoverAfter;
    private PostgresLease? _lease;

    public PostgresDatabase(TradingCoreOptions options)
        : this(options.Persistence.ConnectionString, TimeSpan.FromMilliseconds(options.HighAvailability.LeaseCheckMs), TimeSpan.FromMilliseconds(options.HighAvailability.TakeoverAfterMs))
    {
    }

    public PostgresDatabase(string connectionString, TimeSpan leaseInterval = default, TimeSpan takeoverAfter = default)
    {
        _connectionString = connectionString;
        _takeoverAfter = takeoverAfter;
        _leaseInterval = leaseInterval > TimeSpan.Zero ? leaseInterval : TimeSpan.FromMilliseconds(500);
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

    /// <summary>The lease this core holds (null before it took it).</summary>
    internal PostgresLease? Lease => _lease;

    /// <summary>The lease epoch this core holds (0 before it took the lease): journal appends and projections are fenced with it.</summary>
    public long Epoch => _lease?.Epoch ?? 0;

    public override async Task<long> AcquireLeaseAsync(bool standby, Action<string> waiting, Action<Exception> lost, CancellationToken cancellationToken)
    {
        var holder = $"{Environment.MachineName} pid {Environment.ProcessId}";
        var lease = new PostgresLease(_connectionString, holder, _leaseInterval, _takeoverAfter);
        try
        {
            await lease.AcquireAsync(standby, waiting, lost, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await lease.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        _lease = lease;
        return lease.Epoch;
    }

    public override Journal.IJournal CreateJournal() => new Journal.PostgresJournal(_dataSource, () => Epoch);

    public override ProjectionTarget OpenProjectionTarget()
    {
        var connection = _dataSource.OpenConnection();
        return new ProjectionTarget(connection, new PostgresJournalStore(connection, Epoch));
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

    public async ValueTask DisposeAsync()
    {
        if (_lease is not null)
        {
            await _lease.DisposeAsync().ConfigureAwait(false);
            _lease = null;
        }

        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }

    public void Dispose()
    {
        // Ending the lease's session releases it at once: a standby takes over without waiting for a timeout.
        _lease?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _lease = null;
        _dataSource.Dispose();
    }
}
