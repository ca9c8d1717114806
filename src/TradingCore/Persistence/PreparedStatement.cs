using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace TradingCore.Persistence;

/// <summary>
/// One SQL statement prepared once on the journal connection, with positional parameters @p0..@pN, executed
/// through SQLite's own API: values are bound by position and the statement is stepped and reset in place.
/// Going through <see cref="SqliteCommand"/> instead cost the journal a name lookup per parameter per row and a
/// statement enumeration per execution (about 14% of the core's CPU under load: docs/benchmarks.md). Values are
/// stored exactly as Microsoft.Data.Sqlite (and so EF Core, which reads them) stores them; a test pins that.
/// </summary>
internal sealed class PreparedStatement : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly string _sql;
    private readonly int _parameterCount;
    private sqlite3_stmt? _statement;
    private IntPtr _pointer;

    public PreparedStatement(SqliteConnection connection, string sql, int parameterCount)
    {
        _connection = connection;
        _sql = sql;
        _parameterCount = parameterCount;
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

    /// <summary>
    /// Runs the statement inside <paramref name="transaction"/> (begun on the same connection) with the values in
    /// column order; null binds SQL NULL.
    /// </summary>
    public void Execute(SqliteTransaction transaction, params ReadOnlySpan<object?> values)
    {
        if (!ReferenceEquals(transaction.Connection, _connection))
        {
            throw new InvalidOperationException("the transaction belongs to another connection");
        }

        if (values.Length != _parameterCount)
        {
            throw new ArgumentException($"expected {_parameterCount} values, got {values.Length}", nameof(values));
        }

        var db = _connection.Handle!;
        var statement = _statement ??= Prepare(db);
        try
        {
            for (var index = 0; index < values.Length; index++)
            {
                Check(Bind(statement, index + 1, values[index]), db);
            }

            var rc = raw.sqlite3_step(statement);
            if (rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW)
            {
                SqliteException.ThrowExceptionForRC(rc, db);
            }
        }
        finally
        {
            // Reset at once: a statement left active would hold the transaction open on COMMIT.
            raw.sqlite3_reset(statement);
            raw.sqlite3_clear_bindings(statement);
        }
    }

    /// <summary>
    /// Binds parameter <paramref name="position"/> (1-based) of the next row (<see cref="Step"/> runs it), directly on
    /// the statement's pointer (<see cref="SqliteBind"/>).
    /// </summary>
    public void BindInt64(int position, long value) => Check(SqliteBind.Int64(Pointer, position, value));

    /// <inheritdoc cref="BindInt64"/>
    public void BindDecimal(int position, decimal? value)
    {
        if (value is not { } number)
        {
            Check(SqliteBind.Null(Pointer, position));
            return;
        }

        Span<byte> text = stackalloc byte[64];
        Check(SqliteBind.Utf8(Pointer, position, DecimalBytes(number, text)));
    }

    /// <inheritdoc cref="BindInt64"/>
    public void BindText(int position, string? value) =>
        Check(value is null ? SqliteBind.Null(Pointer, position) : SqliteBind.Utf16(Pointer, position, value));

    /// <inheritdoc cref="BindInt64"/>
    public void BindBlob(int position, byte[] value) => Check(raw.sqlite3_bind_blob(Prepared, position, value));

    /// <summary>Runs the row bound with the Bind methods (all <paramref name="bound"/> parameters) inside <paramref name="transaction"/>.</summary>
    public void Step(SqliteTransaction transaction, int bound)
    {
        var statement = Prepared;
        try
        {
            if (!ReferenceEquals(transaction.Connection, _connection))
            {
                throw new InvalidOperationException("the transaction belongs to another connection");
            }

            if (bound != _parameterCount)
            {
                throw new ArgumentException($"expected {_parameterCount} values, got {bound}", nameof(bound));
            }

            var rc = raw.sqlite3_step(statement);
            if (rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW)
            {
                SqliteException.ThrowExceptionForRC(rc, _connection.Handle!);
            }
        }
        finally
        {
            // No clear_bindings: the next row binds every parameter again (the count is checked above).
            raw.sqlite3_reset(statement);
        }
    }

    public void Dispose()
    {
        _pointer = IntPtr.Zero;
        _statement?.Dispose();
    }

    private sqlite3_stmt Prepared => _statement ??= Prepare(_connection.Handle!);

    /// <summary>The prepared statement's native pointer, valid until <see cref="Dispose"/> (which only its owner calls).</summary>
    private IntPtr Pointer => _pointer != IntPtr.Zero ? _pointer : _pointer = Prepared.DangerousGetHandle();

    /// <summary>A decimal as Microsoft.Data.Sqlite stores it: its text (<see cref="DecimalText"/>).</summary>
    private static int BindDecimal(sqlite3_stmt statement, int position, decimal number)
    {
        Span<byte> text = stackalloc byte[64];
        return raw.sqlite3_bind_text(statement, position, DecimalBytes(number, text));
    }

    /// <summary>The decimal's text written into <paramref name="buffer"/> (64 bytes hold any decimal).</summary>
    private static ReadOnlySpan<byte> DecimalBytes(decimal number, Span<byte> buffer) =>
        DecimalText.TryWrite(number, buffer, out var written)
            ? buffer[..written]
            : throw new InvalidOperationException($"decimal {number} does not fit the binding buffer");

    /// <summary>Binds one value the way Microsoft.Data.Sqlite would store it (for the types the journal writes).</summary>
    internal static int Bind(sqlite3_stmt statement, int position, object? value)
    {
        switch (value)
        {
            case null or DBNull:
                return raw.sqlite3_bind_null(statement, position);
            case long number:
                return raw.sqlite3_bind_int64(statement, position, number);
            case int number:
                return raw.sqlite3_bind_int64(statement, position, number);
            case ulong number:
                return raw.sqlite3_bind_int64(statement, position, unchecked((long)number));
            case bool flag:
                return raw.sqlite3_bind_int64(statement, position, flag ? 1 : 0);
            case decimal number:
                return BindDecimal(statement, position, number);
            case string characters:
                return raw.sqlite3_bind_text16(statement, position, characters.AsSpan());
            case byte[] bytes:
                return raw.sqlite3_bind_blob(statement, position, bytes);
            case Enum:
                return raw.sqlite3_bind_int64(statement, position, Convert.ToInt64(value, CultureInfo.InvariantCulture));
            default:
                throw new NotSupportedException($"the journal does not bind values of type {value.GetType().Name}");
        }
    }

    /// <summary>Throws SQLite's error for a failed call on this statement's connection (its handle read only then).</summary>
    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _connection.Handle!);
        }
    }

    private static void Check(int rc, sqlite3 db)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
    }

    private sqlite3_stmt Prepare(sqlite3 db)
    {
        Check(raw.sqlite3_prepare_v2(db, _sql, out var statement), db);
        // Binding is by position: parameter i must be @p{i-1}, which holds while the SQL names them in order.
        var count = raw.sqlite3_bind_parameter_count(statement);
        for (var position = 1; position <= Math.Max(count, _parameterCount); position++)
        {
            if (count != _parameterCount || raw.sqlite3_bind_parameter_name(statement, position).utf8_to_string() != $"@p{position - 1}")
            {
                statement.Dispose();
                throw new InvalidOperationException($"the statement's parameters are not @p0..@p{_parameterCount - 1} in order: {_sql}");
            }
        }

        return statement;
    }
}
