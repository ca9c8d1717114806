using Npgsql;
using TradingCore.Persistence.Entities;

namespace TradingCore.Persistence;

/// <summary>
/// Writes merged journal batches into the PostgreSQL store's tables: the same rows and values as
/// <see cref="SqliteJournalStore"/> (from <see cref="ProjectionRows"/>), but set-based: one
/// <c>INSERT ... SELECT * FROM unnest($1::bigint[], ...) ON CONFLICT ... DO UPDATE</c> per table with a column array
/// per parameter, so a transaction of thousands of rows is a handful of statements parsed and planned once, all sent
/// in one round trip (an <see cref="NpgsqlBatch"/>). A merged batch holds each key once (orders, positions and
/// accounts collapse to their last state), which ON CONFLICT DO UPDATE requires. The transaction commits with
/// synchronous_commit off: the journal table is the durable copy, and PostgreSQL's WAL is ordered, so a journal
/// delete that survived a crash implies the projection before it survived too. With a lease (<paramref name="epoch"/>
/// above 0) each transaction first locks core_lease for share and goes on only while it still holds this epoch: a
/// core that lost the lease never overwrites the projection of the one that took over.
/// </summary>
/// <param name="connection">The projector's connection.</param>
/// <param name="epoch">The lease epoch this core holds; 0 without a lease.</param>
internal sealed class PostgresJournalStore(NpgsqlConnection connection, long epoch = 0) : IJournalStore
{
    private readonly Dictionary<ProjectionTable, PostgresRowSet> _sets = new()
    {
        [ProjectionTable.Account] = new("accounts", ProjectionRows.AccountColumns, ["AccountId"], typeof(AccountEntity)),
        [ProjectionTable.EventBlock] = new("event_blocks", ProjectionRows.EventBlockColumns, ProjectionRows.EventBlockKey, typeof(EventBlockEntity)),
        [ProjectionTable.Order] = new("orders", ProjectionRows.OrderColumns, ["Ticket"], typeof(OrderEntity)),
        [ProjectionTable.Deal] = new("deals", ProjectionRows.DealColumns, ["Ticket"], typeof(DealEntity)),
        [ProjectionTable.Position] = new("positions", ProjectionRows.PositionColumns, ["Identifier"], typeof(PositionEntity)),
    };

    private readonly List<long> _closedPositions = [];
    private BoxingRowSink? _rows;
    private object?[]? _counters;

    public string Name => "postgresql";

    public void Commit(JournalBatch batch)
    {
        ProjectionRows.Walk(batch, _rows ??= new BoxingRowSink(Collect));
        using var transaction = connection.BeginTransaction();
        if (epoch > 0)
        {
            using var fence = new NpgsqlCommand("SELECT \"Epoch\" FROM \"core_lease\" WHERE \"Id\" = 1 FOR SHARE", connection, transaction);
            var current = (long)fence.ExecuteScalar()!;
            if (current != epoch)
            {
                Clear();
                throw new LeaseLostException($"this core no longer holds the store's lease (epoch {current}, this core held {epoch}): nothing is projected");
            }
        }

        using var commands = new NpgsqlBatch(connection, transaction);
        commands.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL synchronous_commit = off"));
        // Accounts first (orders, deals and positions refer to them), then the rest in the order of ProjectionRows.Walk.
        foreach (var table in (ProjectionTable[])[ProjectionTable.Account, ProjectionTable.EventBlock, ProjectionTable.Order, ProjectionTable.Deal, ProjectionTable.Position])
        {
            if (_sets[table].TakeCommand() is { } command)
            {
                commands.BatchCommands.Add(command);
            }
        }

        if (_closedPositions.Count > 0)
        {
            var delete = new NpgsqlBatchCommand("DELETE FROM \"positions\" WHERE \"Identifier\" = ANY($1)");
            delete.Parameters.Add(new NpgsqlParameter { Value = _closedPositions.ToArray() });
            commands.BatchCommands.Add(delete);
            _closedPositions.Clear();
        }

        if (_counters is { } counters)
        {
            commands.BatchCommands.Add(Command("UPDATE \"engine_state\" SET \"LastOrderTicket\" = $1, \"LastDealTicket\" = $2, \"LastSequence\" = $3, \"JournalSeq\" = $4 WHERE \"Id\" = $5", counters));
            _counters = null;
        }

        commands.ExecuteNonQuery();
        transaction.Commit();
    }

    public void Dispose()
    {
    }

    /// <summary>Forgets what was collected for a transaction that will not be sent.</summary>
    private void Clear()
    {
        foreach (var set in _sets.Values)
        {
            set.TakeCommand();
        }

        _closedPositions.Clear();
        _counters = null;
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

    private void Collect(ProjectionTable table, ReadOnlySpan<object?> values)
    {
        switch (table)
        {
            case ProjectionTable.DeletedPosition:
                _closedPositions.Add((long)values[0]!);
                break;
            case ProjectionTable.Counters:
                _counters = values.ToArray();
                break;
            default:
                _sets[table].Add(values);
                break;
        }
    }
}
