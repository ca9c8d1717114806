using System.Data.Common;
using System.Globalization;

namespace TradingCore.Persistence;

/// <summary>
/// Where the projector writes: its own connection to the store, the provider's writer of the queryable tables and
/// the watermark row (engine_state, the same SQL on every provider). Owns the connection.
/// </summary>
internal sealed class ProjectionTarget(DbConnection connection, IJournalStore store, Action<DbConnection>? checkpoint = null) : IDisposable
{
    /// <summary>The last journal record whose rows are in the tables.</summary>
    public long ReadWatermark() => ReadCounter("JournalSeq");

    /// <summary>The last engine event sequence whose rows are in the tables.</summary>
    public long ReadLastSequence() => ReadCounter("LastSequence");

    /// <summary>Writes a merged batch's rows, its counters and watermark in one transaction.</summary>
    public void Commit(JournalBatch batch) => store.Commit(batch);

    /// <summary>Moves the watermark alone (records without rows).</summary>
    public void WriteWatermark(long seq)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE \"engine_state\" SET \"JournalSeq\" = @seq WHERE \"Id\" = 1";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@seq";
        parameter.Value = seq;
        command.Parameters.Add(parameter);
        command.ExecuteNonQuery();
    }

    /// <summary>Makes what was projected durable before journal records behind it are deleted (SQLite: a WAL checkpoint).</summary>
    public void Checkpoint() => checkpoint?.Invoke(connection);

    public void Dispose()
    {
        store.Dispose();
        connection.Dispose();
    }

    private long ReadCounter(string column)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT \"{column}\" FROM \"engine_state\" WHERE \"Id\" = 1";
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, CultureInfo.InvariantCulture);
    }
}
