using System.Globalization;

namespace TradingCore.LoadHarness;

/// <summary>Command-line options of the harness.</summary>
internal sealed record HarnessOptions(string Scenario, TimeSpan Measure, TimeSpan Mixed, TimeSpan Gc, string Output, string CoreDll, double Rate)
{
    public static HarnessOptions Parse(string[] args)
    {
        var scenario = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "all";
        string Value(string name, string fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }

        var root = FindRoot();
        return new HarnessOptions(
            scenario,
            TimeSpan.FromSeconds(double.Parse(Value("--seconds", "10"), CultureInfo.InvariantCulture)),
            TimeSpan.FromSeconds(double.Parse(Value("--mixed-seconds", "180"), CultureInfo.InvariantCulture)),
            TimeSpan.FromSeconds(double.Parse(Value("--gc-seconds", "60"), CultureInfo.InvariantCulture)),
            Value("--out", Path.Combine(root, "docs", "benchmarks")),
            Value("--core", Path.Combine(root, "src", "TradingCore", "bin", "Release", "net10.0", "TradingCore.dll")),
            double.Parse(Value("--rate", "8000"), CultureInfo.InvariantCulture));
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Trading.sln")))
            {
                return directory.FullName;
            }
        }

        return Environment.CurrentDirectory;
    }
}
