using Microsoft.Data.Sqlite;

namespace TradingCore.Persistence;

/// <summary>One SQL statement prepared once on the journal connection, with positional parameters @p0..@pN.</summary>
internal sealed class PreparedStatement : IDisposable
{
    private readonly SqliteCommand _command;
    private readonly SqliteParameter[] _parameters;
    private bool _prepared;

    public PreparedStatement(SqliteConnection connection, string sql, int parameterCount)
    {
        _command = connection.CreateCommand();
        _command.CommandText = sql;
        _parameters = new SqliteParameter[parameterCount];
        for (var index = 0; index < parameterCount; index++)
        {
            _parameters[index] = _command.Parameters.Add(new SqliteParameter($"@p{index}", null));
        }
    }

    /// <summary>INSERT INTO table (columns) VALUES (...), optionally updating every other column on a key conflict.</summary>
    public static PreparedStatement Insert(SqliteConnection connection, string table, string[] columns, string? upsertKey = null) =>
        Insert(connection, table, columns, upsertKey is null ? [] : [upsertKey]);

    /// <summary>INSERT ... ON CONFLICT(keys) DO UPDATE every other column (no conflict clause without keys).</summary>
    public static PreparedStatement Insert(SqliteConnection connection, string table, string[] columns, string[] upsertKeys)
    {
        var values = string.Join(", ", columns.Select((_, index) => $"@p{index}"));
        var sql = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(column => $"\"{column}\""))}) VALUES ({values})";
        if (upsertKeys.Length > 0)
        {
            var updates = columns.Where(column => !upsertKeys.Contains(column)).Select(column => $"\"{column}\" = excluded.\"{column}\"");
            sql += $" ON CONFLICT({string.Join(", ", upsertKeys.Select(key => $"\"{key}\""))}) DO UPDATE SET {string.Join(", ", updates)}";
        }

        return new PreparedStatement(connection, sql, columns.Length);
    }

    /// <summary>Runs the statement in <paramref name="transaction"/> with the values in column order; null binds SQL NULL.</summary>
    public void Execute(SqliteTransaction transaction, params ReadOnlySpan<object?> values)
    {
        _command.Transaction = transaction;
        if (!_prepared)
        {
            _command.Prepare();
            _prepared = true;
        }

        for (var index = 0; index < _parameters.Length; index++)
        {
            _parameters[index].Value = values[index] ?? DBNull.Value;
        }

        _command.ExecuteNonQuery();
    }

    public void Dispose() => _command.Dispose();
}
