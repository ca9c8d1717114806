namespace TradingCore.Security;

/// <summary>
/// Files and directories only the service's user may read (mode 0600 / 0700 on Unix), whatever the umask: the data
/// directory holds the database (API key hashes, accounts), the signing key and the bootstrap credentials.
/// </summary>
internal static class OwnerOnlyFile
{
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public static void Write(string path, string content)
    {
        EnsureDirectory(Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(content);
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
