namespace TradingCore.Testing;

/// <summary>Where the repository is, for tests that read its files (docs, protos, examples, deploy/).</summary>
internal static class Repository
{
    /// <summary>The directory holding Trading.sln, found upward from the test's binaries.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Trading.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no Trading.sln above {AppContext.BaseDirectory}");
    }
}
