using Npgsql;

namespace TradingCore.Persistence.Journal;

/// <summary>
/// Appends to the PostgreSQL journal table on a connection of its own, one INSERT (autocommit) per record. After a
/// failure the outcome of the last INSERT is unknown (the connection may have dropped after the server committed),
/// so the next append on a new connection first looks for its own record: the same bytes under the same sequence
/// mean it was committed, and it is not written twice. With a lease (<paramref name="epoch"/> above 0) the INSERT is
/// fenced: it inserts only while core_lease still holds this epoch, locking that row for share, so a core taking
/// over (which raises the epoch) waits for an append in flight and every later append of this one inserts nothing
/// and fails with <see cref="LeaseLostException"/>. Epoch 0 (tools and tests without a lease) appends unfenced.
/// </summary>
/// <param name="dataSource">The store's connections.</param>
/// <param name="lastSeq">The last sequence in the journal (or projected).</param>
/// <param name="epoch">The lease epoch this core holds; 0 without a lease.</param>
internal sealed class PostgresJournalAppender(NpgsqlDataSource dataSource, long lastSeq, long epoch = 0) : IJournalAppender
{
    private NpgsqlConnection? _connection;
    private NpgsqlCommand? _insert;
    private bool _uncertain;

    /// <inheritdoc />
    public long LastSeq { get; private set; } = lastSeq;

    /// <inheritdoc />
    public long Append(ReadOnlySpan<byte> payload)
    {
        var seq = LastSeq + 1;
        var bytes = payload.ToArray();
        try
        {
            if (_insert is null)
            {
                Open();
            }

            if (_uncertain && IsStored(seq, bytes))
            {
                _uncertain = false;
                LastSeq = seq;
                return seq;
            }

            _insert!.Parameters[0].Value = seq;
            _insert.Parameters[1].Value = epoch;
            _insert.Parameters[2].Value = bytes;
            if (_insert.ExecuteNonQuery() == 0)
            {
                _uncertain = false;
                throw new LeaseLostException($"this core no longer holds the store's lease (epoch {epoch}): journal record {seq} was not appended");
            }

            _uncertain = false;
            LastSeq = seq;
            return seq;
        }
        catch (Exception error) when (error is not LeaseLostException)
        {
            _uncertain = true;
            Close();
            throw;
        }
    }

    public void Dispose() => Close();

    private void Open()
    {
        _connection = dataSource.OpenConnection();
        _insert = new NpgsqlCommand(
            epoch > 0
                ? "INSERT INTO \"journal\" (\"Seq\", \"Epoch\", \"Payload\") SELECT $1, $2, $3 FROM \"core_lease\" WHERE \"Id\" = 1 AND \"Epoch\" = $2 FOR SHARE"
                : "INSERT INTO \"journal\" (\"Seq\", \"Epoch\", \"Payload\") VALUES ($1, $2, $3)",
            _connection);
        _insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        _insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        _insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bytea });
        _insert.Prepare();
    }

    private bool IsStored(long seq, byte[] payload)
    {
        using var command = new NpgsqlCommand("SELECT \"Payload\" FROM \"journal\" WHERE \"Seq\" = $1", _connection);
        command.Parameters.Add(new NpgsqlParameter { Value = seq });
        if (command.ExecuteScalar() is not byte[] stored)
        {
            return false;
        }

        return stored.AsSpan().SequenceEqual(payload)
            ? true
            : throw new LeaseLostException($"journal record {seq} was written by another core; this one must not append");
    }

    private void Close()
    {
        _insert?.Dispose();
        _insert = null;
        _connection?.Dispose();
        _connection = null;
    }
}
