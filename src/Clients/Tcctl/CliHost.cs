using Spectre.Console;

namespace TradingCore.Tcctl;

/// <summary>Where tcctl reads its environment and writes its output (the real console, or a test's buffers).</summary>
internal sealed class CliHost
{
    /// <summary>Human output: tables, progress, messages.</summary>
    public required IAnsiConsole Console { get; init; }

    /// <summary>Machine output of <c>--json</c>: one JSON document per line on standard output.</summary>
    public required TextWriter Out { get; init; }

    /// <summary>Error messages (standard error).</summary>
    public required TextWriter Error { get; init; }

    public Func<string, string?> Environment { get; init; } = global::System.Environment.GetEnvironmentVariable;

    /// <summary>True when a person watches: spinners on long operations.</summary>
    public bool Interactive { get; init; }

    /// <summary>Output wider than this is never wrapped when it goes to a pipe or a file.</summary>
    public const int RedirectedWidth = 4096;

    public static CliHost System()
    {
        var redirected = global::System.Console.IsOutputRedirected;
        return new()
        {
            Console = ForOutput(AnsiConsole.Console, redirected),
            Out = global::System.Console.Out,
            Error = global::System.Console.Error,
            Interactive = !redirected,
        };
    }

    /// <summary>
    /// The console as tcctl uses it: on a terminal, as wide as the terminal; into a pipe or a file, where there is
    /// no width (Spectre would assume 80 columns and wrap rows mid-number), as wide as the longest row.
    /// </summary>
    public static IAnsiConsole ForOutput(IAnsiConsole console, bool redirected)
    {
        if (redirected)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }
}

/// <summary>tcctl's exit codes (documented in docs/clients.md).</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The server refused the call (gRPC error other than unreachable).</summary>
    public const int Failed = 1;

    /// <summary>Bad command line.</summary>
    public const int Usage = 2;

    /// <summary>The server could not be reached (after retries).</summary>
    public const int Unreachable = 3;

    /// <summary>A trade request was answered with a rejection retcode.</summary>
    public const int Rejected = 4;
}
