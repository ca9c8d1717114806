namespace TradingCore.Configuration;

/// <summary>Online backups (Admin/BackupDatabase).</summary>
public sealed class BackupOptions
{
    /// <summary>Directory of backup files; relative paths resolve against the data directory. Default: backups.</summary>
    public string Directory { get; set; } = "backups";
}
