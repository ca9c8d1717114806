using Microsoft.Data.Sqlite;

namespace TradingCore.Persistence.Journal;

/// <summary>
/// The durable journal: <c>journal.db</c> in the data directory, one table <c>journal(Seq, Payload)</c> holding one
/// record per group commit (<see cref="JournalCodec"/>). A file of its own, so appending never waits for the read
/// models' write lock. The writer appends with <c>synchronous=FULL</c> (a committed record survives power loss);
/// readers (the projector, recovery) use their own connections; projected records are deleted behind the watermark.
/// </summary>
internal sealed class JournalLog(string dataDirectory)
{
    public const string FileName = "journal.db";

    public string FilePath { get; } = Path.Combine(dataDirectory, FileName);

    private string ConnectionString => new SqliteConnectionStringBuilder { DataSource = FilePath, Pooling = false }.ToString();

    /// <summary>Creates the file (owner-only) and its table if missing; WAL mode.</summary>
    public void Initialize()
    {
        Security.OwnerOnlyFile.EnsureDirectory(Path.GetDirectoryName(FilePath)!);
        Security.OwnerOnlyFile.Touch(FilePath);
        Security.OwnerOnlyFile.Restrict(FilePath, FilePath + "-wal", FilePath + "-shm");
        using var connection = Open("NORMAL");
        Execute(connection, "PRAGMA journal_mode=WAL; CREATE TABLE IF NOT EXISTS journal (Seq INTEGER PRIMARY KEY, Payload BLOB NOT NULL);");
    }

    /// <summary>
    /// The appending connection: FULL sync, a native busy timeout (the projector's deletes take the lock for a
    /// moment). Sequences continue after the last record and after <paramref name="projectedSeq"/> (the journal may
    /// be empty once everything is projected).
    /// </summary>
    public Appender OpenAppender(long projectedSeq)
    {
        var connection = Open("FULL");
        // Checkpoints never run inside an append (they copy pages and sync the database file): the projector runs
        // them on its own connection after deleting projected records.
        Execute(connection, "PRAGMA wal_autocheckpoint=0;");
        return new(connection, projectedSeq);
    }

    /// <summary>A connection for reading and deleting projected records.</summary>
    public SqliteConnection OpenReader() => Open("NORMAL");

    /// <summary>The highest record sequence in the journal, 0 when empty.</summary>
    public static long LastSeq(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(Seq), 0) FROM journal";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Up to <paramref name="limit"/> records after <paramref name="afterSeq"/>, in order.</summary>
    public static List<(long Seq, byte[] Payload)> ReadAfter(SqliteConnection connection, long afterSeq, int limit)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Seq, Payload FROM journal WHERE Seq > $after ORDER BY Seq LIMIT $limit";
        command.Parameters.AddWithValue("$after", afterSeq);
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        var records = new List<(long, byte[])>();
        while (reader.Read())
        {
            records.Add((reader.GetInt64(0), (byte[])reader[1]));
        }

        return records;
    }

    /// <summary>Deletes projected records up to <paramref name="throughSeq"/>, at most <paramref name="limit"/> at a time.</summary>
    public static int DeleteThrough(SqliteConnection connection, long throughSeq, int limit)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM journal WHERE Seq IN (SELECT Seq FROM journal WHERE Seq <= $through ORDER BY Seq LIMIT $limit)";
        command.Parameters.AddWithValue("$through", throughSeq);
        command.Parameters.AddWithValue("$limit", limit);
        return command.ExecuteNonQuery();
    }

    private SqliteConnection Open(string synchronous)
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        Execute(connection, $"PRAGMA synchronous={synchronous}; PRAGMA busy_timeout={SqliteDatabase.BusyTimeoutMs};");
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>The single appender: one prepared insert, one transaction per record. Not thread-safe.</summary>
    internal sealed class Appender : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _insert;
        private readonly SqliteParameter _seq;
        private readonly SqliteParameter _payload;

        public Appender(SqliteConnection connection, long projectedSeq)
        {
            _connection = connection;
            LastSeq = Math.Max(JournalLog.LastSeq(connection), projectedSeq);
            _insert = connection.CreateCommand();
            _insert.CommandText = "INSERT INTO journal (Seq, Payload) VALUES ($seq, $payload)";
            _seq = _insert.Parameters.Add("$seq", SqliteType.Integer);
            _payload = _insert.Parameters.Add("$payload", SqliteType.Blob);
            _insert.Prepare();
        }

        /// <summary>Sequence of the last record appended.</summary>
        public long LastSeq { get; private set; }

        /// <summary>Appends one record and commits it (durable when this returns); returns its sequence.</summary>
        public long Append(byte[] payload)
        {
            var seq = LastSeq + 1;
            _seq.Value = seq;
            _payload.Value = payload;
            _insert.ExecuteNonQuery(); // autocommit: one statement, one transaction, one sync
            LastSeq = seq;
            return seq;
        }

        public void Dispose()
        {
            _insert.Dispose();
            _connection.Dispose();
        }
    }
}
