using Npgsql;

namespace TradingCore.Persistence;

/// <summary>
/// The rows of one table collected for one projection transaction, sent as a single set-based upsert: one typed
/// array per column (<c>unnest($1::bigint[], $2::text[], ...)</c>), the element types taken from the entity's
/// properties (so a column whose values are all null still has its type).
/// </summary>
internal sealed class PostgresRowSet
{
    private readonly string _sql;
    private readonly Type[] _types;
    private readonly List<object?[]> _rows = [];

    public PostgresRowSet(string table, string[] columns, string[] keys, Type entity)
    {
        _types = [.. columns.Select(column => entity.GetProperty(column)?.PropertyType ?? throw new InvalidOperationException($"{entity.Name} has no property {column}"))];
        var arrays = string.Join(", ", columns.Select((_, index) => $"${index + 1}::{SqlType(_types[index])}[]"));
        var names = string.Join(", ", columns.Select(PostgresSql.Quote));
        var updates = columns.Where(column => !keys.Contains(column)).Select(column => $"{PostgresSql.Quote(column)} = EXCLUDED.{PostgresSql.Quote(column)}");
        _sql = $"INSERT INTO {PostgresSql.Quote(table)} ({names}) SELECT * FROM unnest({arrays}) ON CONFLICT ({string.Join(", ", keys.Select(PostgresSql.Quote))}) DO UPDATE SET {string.Join(", ", updates)}";
    }

    public void Add(ReadOnlySpan<object?> values) => _rows.Add(values.ToArray());

    /// <summary>The upsert of every row collected since the last call, or null when there is none; forgets the rows.</summary>
    public NpgsqlBatchCommand? TakeCommand()
    {
        if (_rows.Count == 0)
        {
            return null;
        }

        var command = new NpgsqlBatchCommand(_sql);
        for (var column = 0; column < _types.Length; column++)
        {
            var array = Array.CreateInstance(_types[column], _rows.Count);
            for (var row = 0; row < _rows.Count; row++)
            {
                array.SetValue(_rows[row][column], row);
            }

            command.Parameters.Add(new NpgsqlParameter { Value = array });
        }

        _rows.Clear();
        return command;
    }

    /// <summary>The PostgreSQL type the migrations gave a property of this CLR type.</summary>
    private static string SqlType(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(long) => "bigint",
        var t when t == typeof(int) => "integer",
        var t when t == typeof(decimal) => "numeric",
        var t when t == typeof(bool) => "boolean",
        var t when t == typeof(string) => "text",
        var t when t == typeof(byte[]) => "bytea",
        var t => throw new InvalidOperationException($"no PostgreSQL type for {t.Name}"),
    };
}
