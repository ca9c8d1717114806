using System.Runtime.InteropServices;

namespace TradingCore.LoadHarness;

/// <summary>
/// The harness's tick flood stands for an MT5 terminal on another machine. On a shared box its sending thread
/// runs at a lower OS priority (nice 10, as the core's ingest thread), so it uses the CPU the core leaves idle
/// rather than taking a core from it; it still offers more than 10x what the engine applies one by one (the
/// scenario reports what the core received).
/// </summary>
internal static partial class SenderPriority
{
    public static void LowerCurrentThread()
    {
        if (OperatingSystem.IsLinux())
        {
            _ = SetPriority(0, GetTid(), 10);
        }
    }

    [LibraryImport("libc", EntryPoint = "setpriority")]
    private static partial int SetPriority(int which, int who, int priority);

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetTid();
}
