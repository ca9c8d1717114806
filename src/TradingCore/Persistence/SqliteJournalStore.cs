using Microsoft.Data.Sqlite;

namespace TradingCore.Persistence;

/// <summary>
/// Writes journal batches with prepared, parameterized Microsoft.Data.Sqlite statements on the schema EF Core
/// owns (same tables, columns and value formats): upserts for event blocks, deals, orders, positions and accounts (so a
/// projection is idempotent), one transaction per batch. EF Core still creates and migrates the schema and serves every read.
/// </summary>
internal sealed class SqliteJournalStore : IJournalStore
{
    private readonly SqliteConnection _connection;
    private readonly PreparedStatement _insertEvents;
    private readonly PreparedStatement _insertDeal;
    private readonly PreparedStatement _upsertOrder;
    private readonly PreparedStatement _upsertPosition;
    private readonly PreparedStatement _deletePosition;
    private readonly PreparedStatement _upsertAccount;
    private readonly PreparedStatement _updateCounters;
    private readonly SqliteRowBinder _rows;

    public SqliteJournalStore(SqliteConnection connection)
    {
        _connection = connection;
        // Upserts throughout: projecting a journal record a second time (it cannot happen while the watermark is
        // written with the rows, but nothing is lost by being sure) writes the same rows again instead of failing.
        _insertEvents = PreparedStatement.Insert(connection, "event_blocks", ProjectionRows.EventBlockColumns, ProjectionRows.EventBlockKey);
        _insertDeal = PreparedStatement.Insert(connection, "deals", ProjectionRows.DealColumns, upsertKey: "Ticket");
        _upsertOrder = PreparedStatement.Insert(connection, "orders", ProjectionRows.OrderColumns, upsertKey: "Ticket");
        _upsertPosition = PreparedStatement.Insert(connection, "positions", ProjectionRows.PositionColumns, upsertKey: "Identifier");
        _upsertAccount = PreparedStatement.Insert(connection, "accounts", ProjectionRows.AccountColumns, upsertKey: "AccountId");
        _deletePosition = new PreparedStatement(connection, "DELETE FROM \"positions\" WHERE \"Identifier\" = @p0", 1);
        _updateCounters = new PreparedStatement(
            connection,
            "UPDATE \"engine_state\" SET \"LastOrderTicket\" = @p0, \"LastDealTicket\" = @p1, \"LastSequence\" = @p2, \"JournalSeq\" = @p3 WHERE \"Id\" = @p4",
            5);
        _rows = new SqliteRowBinder(Statement);
    }

    public string Name => "sqlite";

    public void Commit(JournalBatch batch)
    {
        using var transaction = _connection.BeginTransaction();
        _rows.Transaction = transaction;
        try
        {
            ProjectionRows.Walk(batch, _rows);
            transaction.Commit();
        }
        finally
        {
            _rows.Transaction = null;
        }
    }

    public void Dispose()
    {
        _insertEvents.Dispose();
        _insertDeal.Dispose();
        _upsertOrder.Dispose();
        _upsertPosition.Dispose();
        _deletePosition.Dispose();
        _upsertAccount.Dispose();
        _updateCounters.Dispose();
    }

    private PreparedStatement Statement(ProjectionTable table) => table switch
    {
        ProjectionTable.Account => _upsertAccount,
        ProjectionTable.EventBlock => _insertEvents,
        ProjectionTable.Order => _upsertOrder,
        ProjectionTable.Deal => _insertDeal,
        ProjectionTable.Position => _upsertPosition,
        ProjectionTable.DeletedPosition => _deletePosition,
        _ => _updateCounters,
    };
}
