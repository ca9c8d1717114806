using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using TradingCore.Configuration;
using TradingCore.Security;

namespace TradingCore.Persistence;

/// <summary>
/// Online backups of trading.db into the backup directory (TradingCore:Backup:Directory, under the data directory).
/// VACUUM INTO on a connection of its own: SQLite copies the database as of one read transaction (a WAL snapshot),
/// so the copy is consistent while the projector keeps writing, and compacted. The file is written under a
/// temporary name and renamed when complete, so a half-written backup never carries the final name; it is
/// owner-only, like the live file (it holds API key hashes and account data).
/// </summary>
internal sealed class DatabaseBackup(CoreDatabase database, TradingCoreOptions options, Journal.ProjectionBarrier projection, TimeProvider time)
{
    /// <summary>A backup made: where, how big, the last event sequence it holds, how long it took, when its snapshot was taken.</summary>
    public sealed record Result(string Path, long SizeBytes, ulong LastSequence, long DurationMs, long TimeMs);

    /// <summary>The name a backup gets when the caller names none: trading-yyyyMMdd-HHmmss-fff.db (UTC).</summary>
    public string DefaultFileName() => $"trading-{time.GetUtcNow().ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture)}.db";

    /// <summary>The full path a backup of this (already validated) file name is written to.</summary>
    public string PathOf(string fileName) =>
        Path.Combine(Path.GetFullPath(Path.Combine(options.DataDirectoryFullPath, options.Backup.Directory)), fileName);

    /// <summary>Whether this store is copied to a file by <see cref="CreateAsync"/> (SQLite); PostgreSQL is backed up with pg_dump or pg_basebackup.</summary>
    public bool Supported => database.FileBackups;

    /// <summary>Writes the backup; null when a file of that name exists (backups are never overwritten). SQLite only (<see cref="Supported"/>).</summary>
    public async Task<Result?> CreateAsync(string fileName, CancellationToken cancellationToken)
    {
        var path = PathOf(fileName);
        OwnerOnlyFile.EnsureDirectory(Path.GetDirectoryName(path)!);
        if (File.Exists(path))
        {
            return null;
        }

        // The backup copies the projected tables: they first reach everything acknowledged before this call.
        await projection.WaitAsync(cancellationToken).ConfigureAwait(false);
        var partial = path + ".partial";
        File.Delete(partial);
        OwnerOnlyFile.Touch(partial); // VACUUM INTO fills an empty file and keeps its owner-only mode
        var started = Stopwatch.GetTimestamp();
        var snapshotMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using (var connection = new SqliteConnection(((SqliteDatabase)database).ConnectionString))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var vacuum = connection.CreateCommand();
            vacuum.CommandText = "VACUUM INTO @path";
            vacuum.Parameters.AddWithValue("@path", partial);
            await vacuum.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var lastSequence = await LastSequenceAsync(partial, cancellationToken).ConfigureAwait(false);
        File.Move(partial, path);
        OwnerOnlyFile.Restrict(path);
        return new Result(path, new FileInfo(path).Length, lastSequence, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, snapshotMs);
    }

    private static async Task<ulong> LastSequenceAsync(string file, CancellationToken cancellationToken)
    {
        await using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await copy.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var read = copy.CreateCommand();
        read.CommandText = "SELECT \"LastSequence\" FROM \"engine_state\" LIMIT 1";
        return Convert.ToUInt64(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) ?? 0L, CultureInfo.InvariantCulture);
    }
}
