using System.Runtime.InteropServices;

namespace TradingCore.Mt5Feed.Bridge;

/// <summary>
/// Lowers the OS scheduling priority of the calling thread (Linux: its nice value; elsewhere nothing). A feed's
/// ingest thread runs at a lower priority than the threads that acknowledge orders, so a tick flood takes the CPU
/// they leave idle and never the CPU an order needs: when the box is busy the ingest falls behind, the terminal's
/// socket fills, and TCP holds the flood back at its source.
/// </summary>
internal static partial class IngestPriority
{
    /// <summary>The nice value of ingest threads (0 is normal, 19 the lowest).</summary>
    public const int Nice = 10;

    private const int PrioProcess = 0;

    /// <summary>Applies <see cref="Nice"/> to the calling thread; false where the OS does not support it.</summary>
    public static bool LowerCurrentThread()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return SetPriority(PrioProcess, GetTid(), Nice) == 0;
        }
        catch (Exception error) when (error is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static partial int SetPriority(int which, int who, int priority);

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetTid();
}
