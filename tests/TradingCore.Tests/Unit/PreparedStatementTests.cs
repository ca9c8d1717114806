using Microsoft.Data.Sqlite;
using TradingCore.Persistence;

namespace TradingCore.Tests;

/// <summary>
/// The journal binds values through SQLite's own API; EF Core reads them back. Every value must be stored exactly
/// as Microsoft.Data.Sqlite stores it (same storage class, same text for decimals).
/// </summary>
public sealed class PreparedStatementTests
{
    public static TheoryData<string, object?> Values => new()
    {
        { "zero decimal", 0m },
        { "price", 1.10000m },
        { "negative money", -1234.56m },
        { "tiny", 0.000000001m },
        { "integral decimal", 100000m },
        { "max decimal", decimal.MaxValue },
        { "min decimal", decimal.MinValue },
        { "long", long.MaxValue },
        { "negative long", -42L },
        { "int", 7 },
        { "ulong beyond long", ulong.MaxValue },
        { "bool true", true },
        { "bool false", false },
        { "text", "EURUSD" },
        { "unicode text", "Kommentar: Gewinn \u00fc \u20ac \U0001F4B9" },
        { "empty text", string.Empty },
        { "blob", new byte[] { 0, 1, 2, 255 } },
        { "null", null },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void StoresEachValueAsMicrosoftDataSqliteDoes(string label, object? value)
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        Execute(connection, "CREATE TABLE t (id INTEGER PRIMARY KEY, v)");

        using (var transaction = connection.BeginTransaction())
        {
            using var statement = PreparedStatement.Insert(connection, "t", ["id", "v"]);
            statement.Execute(transaction, 1L, value);
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO t (id, v) VALUES (2, @v)";
            command.Parameters.AddWithValue("@v", value ?? DBNull.Value);
            command.ExecuteNonQuery();
            transaction.Commit();
        }

        Assert.True(
            Query(connection, 1) == Query(connection, 2),
            $"{label}: journal stored {Query(connection, 1)}, Microsoft.Data.Sqlite stored {Query(connection, 2)}");
    }

    /// <summary>
    /// The projector's path binds by position straight on the statement's pointer (SqliteBind): each value stored as
    /// Microsoft.Data.Sqlite stores it, and every row keeps only its own values, the statement being reused without
    /// clearing its bindings (a long, a decimal and a text bound into the same column in turn).
    /// </summary>
    [Fact]
    public void PositionalBinds_StoreEachValueAsMicrosoftDataSqliteDoes_RowAfterRow()
    {
        object?[] values = [1.10000m, decimal.MaxValue, decimal.MinValue, 0.000000001m, null, long.MinValue, -42L, "EURUSD", string.Empty, "Kommentar \u00fc \u20ac \U0001F4B9", 0m];
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        Execute(connection, "CREATE TABLE t (id INTEGER PRIMARY KEY, v)");
        using var statement = PreparedStatement.Insert(connection, "t", ["id", "v"]);
        using (var transaction = connection.BeginTransaction())
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO t (id, v) VALUES (@id, @v)";
            for (var index = 0; index < values.Length; index++)
            {
                statement.BindInt64(1, (2 * index) + 1);
                switch (values[index])
                {
                    case long number:
                        statement.BindInt64(2, number);
                        break;
                    case string text:
                        statement.BindText(2, text);
                        break;
                    case var number:
                        statement.BindDecimal(2, (decimal?)number);
                        break;
                }

                statement.Step(transaction, 2);
                command.Parameters.Clear();
                command.Parameters.AddWithValue("@id", (2 * index) + 2);
                command.Parameters.AddWithValue("@v", values[index] ?? DBNull.Value);
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        for (var index = 0; index < values.Length; index++)
        {
            Assert.True(
                Query(connection, (2 * index) + 1) == Query(connection, (2 * index) + 2),
                $"{values[index] ?? "null"}: bound {Query(connection, (2 * index) + 1)}, Microsoft.Data.Sqlite stored {Query(connection, (2 * index) + 2)}");
        }
    }

    [Fact]
    public void Upsert_UpdatesEveryOtherColumnOnKeyConflict_AndIsReusable()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        Execute(connection, "CREATE TABLE t (id INTEGER PRIMARY KEY, a, b)");
        using var statement = PreparedStatement.Insert(connection, "t", ["id", "a", "b"], upsertKey: "id");
        using (var transaction = connection.BeginTransaction())
        {
            statement.Execute(transaction, 1L, 1.5m, "first");
            statement.Execute(transaction, 2L, 2.5m, "second");
            statement.Execute(transaction, 1L, 9.25m, null);
            transaction.Commit();
        }

        Assert.Equal("1|'9.25'|NULL;2|'2.5'|'second'", Scalar(connection, "SELECT group_concat(id || '|' || quote(a) || '|' || quote(b), ';') FROM (SELECT * FROM t ORDER BY id)"));
    }

    [Fact]
    public void ConstraintViolation_IsASqliteException_AndTheStatementStaysUsable()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        Execute(connection, "CREATE TABLE t (id INTEGER PRIMARY KEY, v NOT NULL)");
        using var statement = PreparedStatement.Insert(connection, "t", ["id", "v"]);
        using (var transaction = connection.BeginTransaction())
        {
            statement.Execute(transaction, 1L, "a");
            var error = Assert.Throws<SqliteException>(() => statement.Execute(transaction, 1L, "duplicate"));
            Assert.Equal(19, error.SqliteErrorCode); // SQLITE_CONSTRAINT
            Assert.Throws<SqliteException>(() => statement.Execute(transaction, 2L, null));
            statement.Execute(transaction, 2L, "b");
            transaction.Commit();
        }

        Assert.Equal("2", Scalar(connection, "SELECT count(*) FROM t"));
    }

    [Fact]
    public void RejectsAStatementWhoseParametersAreNotInOrder()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        Execute(connection, "CREATE TABLE t (a, b)");
        using var statement = new PreparedStatement(connection, "INSERT INTO t (a, b) VALUES (@p1, @p0)", 2);
        using var transaction = connection.BeginTransaction();
        Assert.Throws<InvalidOperationException>(() => statement.Execute(transaction, 1L, 2L));
    }

    private static string Query(SqliteConnection connection, long id) =>
        Scalar(connection, $"SELECT typeof(v) || ':' || quote(v) FROM t WHERE id = {id}");

    private static string Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
