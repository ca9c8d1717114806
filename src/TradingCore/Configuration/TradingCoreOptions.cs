namespace TradingCore.Configuration;

/// <summary>All settings of the core, bound from the configuration section "TradingCore". See README "Configuration".</summary>
public sealed class TradingCoreOptions
{
    /// <summary>The configuration section bound to these options.</summary>
    public const string Section = "TradingCore";

    /// <summary>Directory for the SQLite database (trading.db); a relative path resolves against the content root
    /// (the working directory; src/TradingCore under `dotnet run --project src/TradingCore`).</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Base of a relative <see cref="DataDirectory"/>; set by the host to its content root.</summary>
    public string ContentRoot { get; set; } = "";

    /// <summary>Market data feed.</summary>
    public FeedOptions Feed { get; set; } = new();

    /// <summary>Journal and database.</summary>
    public PersistenceOptions Persistence { get; set; } = new();

    /// <summary>TradingCore:Instances (accounts spread over core instances).</summary>
    public InstancesOptions Instances { get; set; } = new();

    /// <summary>TradingCore:HighAvailability (a hot standby on the PostgreSQL store).</summary>
    public HighAvailabilityOptions HighAvailability { get; set; } = new();

    /// <summary>Engine queues and limits.</summary>
    public EngineSettings Engine { get; set; } = new();

    /// <summary>The account created on first start.</summary>
    public DemoAccountOptions DemoAccount { get; set; } = new();

    /// <summary>Tick and trade-event stream buffers.</summary>
    public StreamOptions Streams { get; set; } = new();

    /// <summary>Authentication, tokens and rate limits.</summary>
    public AuthOptions Auth { get; set; } = new();

    /// <summary>HTTP/1.1 endpoint serving the JSON transcoding of the gRPC API (empty = none).</summary>
    public HttpJsonOptions HttpJson { get; set; } = new();

    /// <summary>Prometheus scrape endpoint (empty = none).</summary>
    public MetricsOptions Metrics { get; set; } = new();

    /// <summary>Where online backups are written.</summary>
    public BackupOptions Backup { get; set; } = new();

    /// <summary>Backtest runs.</summary>
    public BacktestOptions Backtests { get; set; } = new();

    /// <summary>Operator control per account id (trading state, risk limits), applied at start and on change.</summary>
    public Dictionary<string, AccountControlOptions> AccountControl { get; set; } = [];

    /// <summary>The data directory as an absolute path.</summary>
    public string DataDirectoryFullPath =>
        string.IsNullOrEmpty(ContentRoot) ? Path.GetFullPath(DataDirectory) : Path.GetFullPath(DataDirectory, ContentRoot);
}
