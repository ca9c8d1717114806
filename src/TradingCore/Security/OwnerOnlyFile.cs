namespace TradingCore.Security;

/// <summary>
/// Files and directories only the service's user may read (mode 0600 / 0700 on Unix), whatever the umask: the data
/// directory holds the database (API key hashes, accounts), the signing key and the bootstrap credentials.
/// </summary>
internal static class OwnerOnlyFile
{
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>
    /// Writes <paramref name="path"/> whole or not at all: the content goes to a new owner-only file beside it, synced,
    /// which is then renamed over <paramref name="path"/> and the directory synced. A process killed (or a machine
    /// losing power) at any moment leaves the former file or the new one, never an empty or half-written one (a
    /// truncated signing key stopped every later start).
    /// </summary>
    public static void Write(string path, string content)
    {
        var directory = Path.GetDirectoryName(path)!;
        EnsureDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(System.Text.Encoding.UTF8.GetBytes(content));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
            Persistence.Journal.FileSync.SyncDirectory(directory);
        }
        finally
        {
            File.Delete(temporary); // nothing there once renamed
        }
    }

    /// <summary>Creates <paramref name="path"/> (and missing parents) owner-only; an existing directory is left as its owner set it.</summary>
    public static void EnsureDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, DirectoryMode);
        }
    }

    /// <summary>Creates an empty owner-only file if none exists (so a later writer such as SQLite inherits the mode).</summary>
    public static void Touch(string path)
    {
        if (File.Exists(path) || OperatingSystem.IsWindows())
        {
            return;
        }

        using var stream = new FileStream(path, new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = FileMode });
    }

    /// <summary>Sets existing files to owner-only (files an earlier version or another tool created with the umask).</summary>
    public static void Restrict(params string[] paths)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        foreach (var path in paths)
        {
            if (File.Exists(path) && (File.GetUnixFileMode(path) & ~FileMode) != 0)
            {
                File.SetUnixFileMode(path, FileMode);
            }
        }
    }
}
