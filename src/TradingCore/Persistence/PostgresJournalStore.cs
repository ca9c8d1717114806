using Npgsql;

namespace TradingCore.Persistence;

/// <summary>
/// Writes merged journal batches into the PostgreSQL store's tables: every row an idempotent upsert (the same rows
/// and values as <see cref="SqliteJournalStore"/>, from <see cref="ProjectionRows"/>), all of one transaction sent
/// in one round trip (an <see cref="NpgsqlBatch"/>). The transaction commits with synchronous_commit off: the
/// journal table is the durable copy, and PostgreSQL's WAL is ordered, so a journal delete that survived a crash
/// implies the projection before it survived too.
/// </summary>
internal sealed class PostgresJournalStore(NpgsqlConnection connection) : IJournalStore
{
    private static readonly Dictionary<ProjectionTable, string> Statements = new()
    {
        [ProjectionTable.Account] = PostgresSql.Upsert("accounts", ProjectionRows.AccountColumns, ["AccountId"]),
        [ProjectionTable.Event] = PostgresSql.Upsert("trade_events", ProjectionRows.EventColumns, ["Sequence"]),
        [ProjectionTable.Order] = PostgresSql.Upsert("orders", ProjectionRows.OrderColumns, ["Ticket"]),
        [ProjectionTable.Deal] = PostgresSql.Upsert("deals", ProjectionRows.DealColumns, ["Ticket"]),
        [ProjectionTable.Position] = PostgresSql.Upsert("positions", ProjectionRows.PositionColumns, ["Identifier"]),
        [ProjectionTable.DeletedPosition] = "DELETE FROM \"positions\" WHERE \"Identifier\" = $1",
        [ProjectionTable.Counters] = "UPDATE \"engine_state\" SET \"LastOrderTicket\" = $1, \"LastDealTicket\" = $2, \"LastSequence\" = $3, \"JournalSeq\" = $4 WHERE \"Id\" = $5",
    };

    private readonly object?[] _values = new object?[ProjectionRows.MaxColumns];

    public string Name => "postgresql";

    public void Commit(JournalBatch batch)
    {
        using var transaction = connection.BeginTransaction();
        using var commands = new NpgsqlBatch(connection, transaction);
        commands.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL synchronous_commit = off"));
        ProjectionRows.Walk(batch, _values, (table, values) => commands.BatchCommands.Add(Command(Statements[table], values)));
        commands.ExecuteNonQuery();
        transaction.Commit();
    }

    public void Dispose()
    {
    }

    /// <summary>One statement with its values bound by position (a null goes as an untyped NULL: the column types it).</summary>
    public static NpgsqlBatchCommand Command(string sql, ReadOnlySpan<object?> values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return command;
    }
}
