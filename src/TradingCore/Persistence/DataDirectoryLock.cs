namespace TradingCore.Persistence;

/// <summary>
/// An exclusive lock on <see cref="FileName"/> in a SQLite core's data directory, held while the core runs: a second
/// core started on the same directory refuses to start instead of appending to the same journal. The lock is the
/// kernel's (<c>flock</c>, taken by opening the file with <see cref="FileShare.None"/>), so it ends with the process
/// however the process ends, kill -9 included. The file holds the holder's process id for operators.
/// </summary>
internal sealed class DataDirectoryLock : IDisposable
{
    public const string FileName = "core.lock";

    private readonly FileStream _file;

    private DataDirectoryLock(FileStream file) => _file = file;

    /// <summary>Takes the lock of <paramref name="directory"/>, or fails naming it when another process holds it.</summary>
    public static DataDirectoryLock Acquire(string directory)
    {
        var path = Path.Combine(directory, FileName);
        Security.OwnerOnlyFile.Touch(path);
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException error)
        {
            throw new InvalidOperationException(
                $"the data directory {directory} is in use by another Trading Core process ({path} is locked): stop it, or give this core its own TradingCore:DataDirectory", error);
        }

        file.SetLength(0);
        var pid = System.Text.Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n");
        file.Write(pid);
        file.Flush();
        return new DataDirectoryLock(file);
    }

    public void Dispose() => _file.Dispose();
}
