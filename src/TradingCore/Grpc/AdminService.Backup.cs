using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Grpc.Core;
using Microsoft.Data.Sqlite;
using TradingCore.Grpc.Validation;
using TradingCore.Security;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Grpc;

internal sealed partial class AdminService
{
    [GeneratedRegex("^[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex BackupName();

    /// <summary>
    /// VACUUM INTO on a connection of its own: SQLite copies the database as of one read transaction (a WAL snapshot),
    /// so the copy is consistent while the journal writer keeps committing, and compacted. The file is written
    /// under a temporary name and renamed when complete, so a half-written backup never carries the final name.
    /// </summary>
    public override async Task<Wire.BackupDatabaseResponse> BackupDatabase(Wire.BackupDatabaseRequest request, ServerCallContext context)
    {
        var name = string.IsNullOrEmpty(request.FileName)
            ? $"trading-{time.GetUtcNow().ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture)}.db"
            : request.FileName;
        if (!BackupName().IsMatch(name))
        {
            throw FieldErrors.Single("file_name", "1-100 of A-Z a-z 0-9 . _ - (a file name, not a path), not starting with a dot");
        }

        var directory = Path.GetFullPath(Path.Combine(options.Value.DataDirectoryFullPath, options.Value.Backup.Directory));
        OwnerOnlyFile.EnsureDirectory(directory);

        var path = Path.Combine(directory, name);
        if (File.Exists(path))
        {
            throw new RpcException(new Status(StatusCode.AlreadyExists, $"{path} already exists; backups are never overwritten"));
        }

        // The backup copies the projected tables: they first reach everything acknowledged before this call.
        await projection.WaitAsync(context.CancellationToken);
        var partial = path + ".partial";
        File.Delete(partial);
        OwnerOnlyFile.Touch(partial); // VACUUM INTO fills an empty file and keeps its owner-only mode
        var started = Stopwatch.GetTimestamp();
        var snapshotMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        ulong lastSequence;
        await using (var connection = new SqliteConnection(database.ConnectionString))
        {
            await connection.OpenAsync(context.CancellationToken);
            await using var vacuum = connection.CreateCommand();
            vacuum.CommandText = "VACUUM INTO @path";
            vacuum.Parameters.AddWithValue("@path", partial);
            await vacuum.ExecuteNonQueryAsync(context.CancellationToken);
        }

        await using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
        {
            await copy.OpenAsync(context.CancellationToken);
            await using var read = copy.CreateCommand();
            read.CommandText = "SELECT \"LastSequence\" FROM \"engine_state\" LIMIT 1";
            lastSequence = Convert.ToUInt64(await read.ExecuteScalarAsync(context.CancellationToken) ?? 0L, CultureInfo.InvariantCulture);
        }

        File.Move(partial, path);
        OwnerOnlyFile.Restrict(path); // the database holds API key hashes and account data: owner-only, like the live file

        var response = new Wire.BackupDatabaseResponse
        {
            Path = path,
            SizeBytes = new FileInfo(path).Length,
            LastSequence = lastSequence,
            DurationMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            TimeMs = snapshotMs,
        };
        audit.Write(Caller.Of(context).KeyId, nameof(BackupDatabase), "database", null, response);
        return response;
    }
}
