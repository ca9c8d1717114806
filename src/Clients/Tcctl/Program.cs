namespace TradingCore.Tcctl;

/// <summary>Entry point of tcctl (a named class, so it never clashes with the host's Program in tests).</summary>
internal static class TcctlProgram
{
    public static Task<int> Main(string[] args) => Cli.RunAsync(args, CliHost.System());
}
