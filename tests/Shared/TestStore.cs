using System.Security.Cryptography;
using System.Text;

namespace TradingCore.Testing;

/// <summary>
/// Which store the servers the tests start use: SQLite in their data directory (default) or, when the environment
/// variable TRADINGCORE_TEST_STORE is "postgresql", a database of the test process's PostgreSQL cluster named after
/// the data directory (a restart on the same directory finds the same database). A test that sets
/// TradingCore:Persistence:Provider itself keeps its choice.
/// </summary>
internal static class TestStore
{
    public const string Variable = "TRADINGCORE_TEST_STORE";

    /// <summary>True when the suite runs against PostgreSQL.</summary>
    public static bool Postgres => string.Equals(Environment.GetEnvironmentVariable(Variable), "postgresql", StringComparison.OrdinalIgnoreCase);

    /// <summary>The provider settings a server on <paramref name="dataDirectory"/> gets, given the test's own <paramref name="settings"/> (nothing on SQLite).</summary>
    public static IReadOnlyDictionary<string, string> Settings(string dataDirectory, IEnumerable<string>? settings = null)
    {
        if (!Postgres || (settings ?? []).Any(key => key.Equals("TradingCore:Persistence:Provider", StringComparison.OrdinalIgnoreCase)))
        {
            return new Dictionary<string, string>();
        }

        return new Dictionary<string, string>
        {
            ["TradingCore:Persistence:Provider"] = "PostgreSql",
            ["TradingCore:Persistence:ConnectionString"] = PostgresCluster.Shared.Database(DatabaseName(dataDirectory)),
        };
    }

    /// <summary>Settings that keep a server on SQLite whatever the suite's store (tests of what only the SQLite store has: its files, file backups).</summary>
    public static Dictionary<string, string> SqliteOnly() => new() { ["TradingCore:Persistence:Provider"] = "Sqlite" };

    /// <summary>Runs <paramref name="sql"/> (quoted identifiers: it must read the same on both) against the store of a stopped server's data directory.</summary>
    public static async Task ExecuteAsync(string dataDirectory, string sql, CancellationToken cancellationToken)
    {
        System.Data.Common.DbConnection connection = Postgres
            ? new Npgsql.NpgsqlConnection(PostgresCluster.Shared.Database(DatabaseName(dataDirectory)))
            : new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(dataDirectory, "trading.db")};Pooling=False");
        await using (connection)
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>d + 24 hex digits of the data directory's full path's SHA-256.</summary>
    public static string DatabaseName(string dataDirectory) =>
        "d" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(dataDirectory))))[..24];
}
