using System.Text.RegularExpressions;
using Grpc.Core;
using TradingCore.Grpc.Validation;
using TradingCore.Security;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Grpc;

internal sealed partial class AdminService
{
    [GeneratedRegex("^[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex BackupName();

    /// <summary>An online, consistent copy of the database (<see cref="Persistence.DatabaseBackup"/>); a name already taken is ALREADY_EXISTS.</summary>
    public override async Task<Wire.BackupDatabaseResponse> BackupDatabase(Wire.BackupDatabaseRequest request, ServerCallContext context)
    {
        if (!backups.Supported)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, "this core stores its data in PostgreSQL: back it up with PostgreSQL's own tools (pg_dump, pg_basebackup; docs/operations.md)"));
        }

        var name = string.IsNullOrEmpty(request.FileName) ? backups.DefaultFileName() : request.FileName;
        if (!BackupName().IsMatch(name))
        {
            throw FieldErrors.Single("file_name", "1-100 of A-Z a-z 0-9 . _ - (a file name, not a path), not starting with a dot");
        }

        var backup = await backups.CreateAsync(name, context.CancellationToken)
            ?? throw new RpcException(new Status(StatusCode.AlreadyExists, $"{backups.PathOf(name)} already exists; backups are never overwritten"));
        var response = new Wire.BackupDatabaseResponse
        {
            Path = backup.Path,
            SizeBytes = backup.SizeBytes,
            LastSequence = backup.LastSequence,
            DurationMs = backup.DurationMs,
            TimeMs = backup.TimeMs,
        };
        audit.Write(Caller.Of(context).KeyId, nameof(BackupDatabase), "database", null, response);
        return response;
    }
}
