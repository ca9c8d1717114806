using System.Runtime.InteropServices;

namespace TradingCore.Persistence.Journal;

/// <summary>The POSIX calls the journal needs that .NET does not expose: fdatasync, and fsync of a directory.</summary>
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
}
