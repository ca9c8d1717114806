namespace TradingCore.Hosting;

/// <summary>All settings of the core, bound from the configuration section "TradingCore". See README "Configuration".</summary>
public sealed class TradingCoreOptions
{
    public const string Section = "TradingCore";

    /// <summary>Directory for the SQLite database (trading.db); relative paths resolve against the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    public FeedOptions Feed { get; set; } = new();

    public PersistenceOptions Persistence { get; set; } = new();

    public EngineSettings Engine { get; set; } = new();

    public DemoAccountOptions DemoAccount { get; set; } = new();

    public StreamOptions Streams { get; set; } = new();

    /// <summary>The data directory as an absolute path.</summary>
    public string DataDirectoryFullPath => Path.GetFullPath(DataDirectory);
}
