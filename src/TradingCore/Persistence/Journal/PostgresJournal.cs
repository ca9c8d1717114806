using Npgsql;

namespace TradingCore.Persistence.Journal;

/// <summary>
/// The PostgreSQL store's journal: table <c>journal</c> (Seq primary key, Epoch, Payload), one row per group commit,
/// appended with one INSERT committed with the server's synchronous_commit (on by default: the commit waits for
/// the server's WAL flush), so the journal is shared by every core process against that database. The projector
/// reads rows after its watermark and deletes rows once projected.
/// </summary>
/// <param name="dataSource">The store's connections.</param>
/// <param name="epoch">The lease epoch the appender is fenced with, read when it is opened (none: unfenced).</param>
internal sealed class PostgresJournal(NpgsqlDataSource dataSource, Func<long>? epoch = null) : IJournal
{
    private long _deletedThrough;

    /// <inheritdoc />
    public void Initialize()
    {
    }

    /// <inheritdoc />
    public IJournalAppender OpenJournalAppender(long projectedSeq) => new PostgresJournalAppender(dataSource, Math.Max(LastSeq(), projectedSeq), epoch?.Invoke() ?? 0);

    /// <inheritdoc />
    public long LastSeq()
    {
        using var command = dataSource.CreateCommand("SELECT COALESCE(MAX(\"Seq\"), 0) FROM \"journal\"");
        return (long)command.ExecuteScalar()!;
    }

    /// <inheritdoc />
    public List<(long Seq, byte[] Payload)> ReadAfter(long afterSeq, int limit)
    {
        using var command = dataSource.CreateCommand("SELECT \"Seq\", \"Payload\" FROM \"journal\" WHERE \"Seq\" > $1 ORDER BY \"Seq\" LIMIT $2");
        command.Parameters.Add(new NpgsqlParameter { Value = afterSeq });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        using var reader = command.ExecuteReader();
        var records = new List<(long, byte[])>();
        var expected = afterSeq + 1;
        while (reader.Read())
        {
            var seq = reader.GetInt64(0);
            if (seq != expected)
            {
                // Sequences are gapless; a gap means rows were deleted before they were projected.
                throw new InvalidDataException($"journal record {expected} is missing (the next one is {seq})");
            }

            records.Add((seq, (byte[])reader.GetValue(1)));
            expected++;
        }

        return records;
    }

    /// <inheritdoc />
    public bool HasDeletable(long throughSeq) => throughSeq > Interlocked.Read(ref _deletedThrough);

    /// <inheritdoc />
    public int DeleteThrough(long throughSeq)
    {
        using var command = dataSource.CreateCommand("DELETE FROM \"journal\" WHERE \"Seq\" <= $1");
        command.Parameters.Add(new NpgsqlParameter { Value = throughSeq });
        var deleted = command.ExecuteNonQuery();
        Interlocked.Exchange(ref _deletedThrough, throughSeq);
        return deleted;
    }
}
