using System.Runtime.InteropServices;

namespace TradingCore.Persistence.Journal;

/// <summary>The POSIX calls the journal (and the data directory's small files) need that .NET does not expose: fdatasync, and fsync of a directory.</summary>
internal static partial class FileSync
{
    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    public static partial int FdataSync(int fd);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    public static partial int FSync(int fd);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    /// <summary>Makes a new or renamed file's directory entry durable (POSIX: fsync the directory); nothing on Windows.</summary>
    public static void SyncDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var fd = Open(directory, 0);
        if (fd >= 0)
        {
            FSync(fd);
            Close(fd);
        }
    }
}
