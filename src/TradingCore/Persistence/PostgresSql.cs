namespace TradingCore.Persistence;

/// <summary>SQL text the PostgreSQL store builds once per statement shape (positional parameters $1..$n).</summary>
internal static class PostgresSql
{
    /// <summary>INSERT INTO table (columns) VALUES ($1..$n) ON CONFLICT (keys) DO UPDATE every other column (DO NOTHING when all are keys).</summary>
    public static string Upsert(string table, string[] columns, string[] keys)
    {
        var names = string.Join(", ", columns.Select(Quote));
        var values = string.Join(", ", columns.Select((_, index) => $"${index + 1}"));
        var updates = columns.Where(column => !keys.Contains(column)).Select(column => $"{Quote(column)} = EXCLUDED.{Quote(column)}").ToList();
        var action = updates.Count == 0 ? "DO NOTHING" : "DO UPDATE SET " + string.Join(", ", updates);
        return $"INSERT INTO {Quote(table)} ({names}) VALUES ({values}) ON CONFLICT ({string.Join(", ", keys.Select(Quote))}) {action}";
    }

    /// <summary>A quoted identifier (the schema's names are case-sensitive: EF Core created them quoted).</summary>
    public static string Quote(string name) => $"\"{name}\"";
}
