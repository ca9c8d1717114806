using Microsoft.Extensions.Options;
using TradingCore.Engine.Domain;

namespace TradingCore.Configuration;

/// <summary>
/// Checks every setting of TradingCore (and the URLs) when the host starts (ValidateOnStart): a bad value stops
/// the start with one line per problem naming the setting and its allowed range (Program prints them and exits 1),
/// instead of a crash later or a silently odd core.
/// </summary>
internal sealed class TradingCoreOptionsValidator : IValidateOptions<TradingCoreOptions>
{
    private const string Prefix = TradingCoreOptions.Section + ":";

    public ValidateOptionsResult Validate(string? name, TradingCoreOptions options)
    {
        var problems = new List<string>();
        void Range(string setting, long value, long min, long max)
        {
            if (value < min || value > max)
            {
                problems.Add($"{Prefix}{setting} is {value}; it must be {min}..{max}");
            }
        }

        void Require(bool ok, string problem)
        {
            if (!ok)
            {
                problems.Add(Prefix + problem);
            }
        }

        Require(!string.IsNullOrWhiteSpace(options.DataDirectory), "DataDirectory must name a directory");
        Range("Engine:InputCapacity", options.Engine.InputCapacity, 16, 16_777_216);
        Range("Engine:AdmissionTimeoutMs", options.Engine.AdmissionTimeoutMs, 1, 600_000);
        Range("Engine:MaxCallsInFlight", options.Engine.MaxCallsInFlight, 0, 1_000_000);
        Range("Engine:MaxPendingOrdersPerAccount", options.Engine.MaxPendingOrdersPerAccount, 1, 1_000_000);
        Range("Engine:IdempotencyWindow", options.Engine.IdempotencyWindow, 0, 10_000_000);
        Range("Engine:RoutingTimeoutMs", options.Engine.RoutingTimeoutMs, 1_000, 3_600_000);
        Require(options.Persistence.Synchronous.Trim().ToUpperInvariant() is "FULL" or "NORMAL" or "EXTRA", $"Persistence:Synchronous is '{Short(options.Persistence.Synchronous)}'; it must be Full, Normal or Extra");
        Require(options.Persistence.Writer.Trim().ToUpperInvariant() is "SQLITE" or "EFCORE" or "NONE", $"Persistence:Writer is '{Short(options.Persistence.Writer)}'; it must be Sqlite, EfCore or None");
        var provider = options.Persistence.Provider.Trim().ToUpperInvariant();
        Require(provider is "SQLITE" or "POSTGRESQL", $"Persistence:Provider is '{Short(options.Persistence.Provider)}'; it must be Sqlite or PostgreSql");
        if (provider == "POSTGRESQL")
        {
            Require(ConnectionStringProblem(options.Persistence.ConnectionString) is null, $"Persistence:ConnectionString {ConnectionStringProblem(options.Persistence.ConnectionString)}");
        }

        Require(!options.HighAvailability.Standby || provider == "POSTGRESQL", "HighAvailability:Standby is true but Persistence:Provider is not PostgreSql; a standby shares a PostgreSQL store with the active core");
        foreach (var problem in InstanceProblems(options.Instances))
        {
            Require(false, problem);
        }

        Range("HighAvailability:LeaseCheckMs", options.HighAvailability.LeaseCheckMs, 50, 60_000);
        if (options.HighAvailability.TakeoverAfterMs != 0)
        {
            Range("HighAvailability:TakeoverAfterMs", options.HighAvailability.TakeoverAfterMs, Math.Max(1_000, options.HighAvailability.LeaseCheckMs * 4), 3_600_000);
        }
        Range("Persistence:MaxBatchSize", options.Persistence.MaxBatchSize, 1, 100_000);
        Range("Persistence:OutboxCapacity", options.Persistence.OutboxCapacity, 1, 16_777_216);
        Range("Persistence:MaxProjectionLag", options.Persistence.MaxProjectionLag, 0, 100_000_000);
        Range("Streams:MaxTickBuffer", options.Streams.MaxTickBuffer, 1, 16_777_216);
        Range("Streams:DefaultTickBuffer", options.Streams.DefaultTickBuffer, 1, Math.Max(1, options.Streams.MaxTickBuffer));
        Range("Streams:EventBuffer", options.Streams.EventBuffer, 1, 16_777_216);
        Range("Backtests:MaxRunning", options.Backtests.MaxRunning, 1, 256);
        Range("Backtests:KeepFinished", options.Backtests.KeepFinished, 0, 10_000);
        Range("Backtests:MaxDataRows", options.Backtests.MaxDataRows, 1, 100_000_000);

        var auth = options.Auth;
        Range("Auth:TokenLifetimeMinutes", auth.TokenLifetimeMinutes, 1, 1_440);
        Require(!string.IsNullOrWhiteSpace(auth.Issuer), "Auth:Issuer must not be empty");
        Require(!string.IsNullOrWhiteSpace(auth.Audience), "Auth:Audience must not be empty");
        Require(string.IsNullOrWhiteSpace(auth.SigningKey) || IsKey(auth.SigningKey), "Auth:SigningKey must be base64 of at least 32 bytes (or empty: a key file is created)");
        for (var index = 0; index < auth.PreviousSigningKeys.Count; index++)
        {
            Require(IsKey(auth.PreviousSigningKeys[index]), $"Auth:PreviousSigningKeys:{index} must be base64 of at least 32 bytes");
        }

        Range("Auth:RequestsPerSecond", auth.RequestsPerSecond, 1, 10_000_000);
        Range("Auth:RequestBurst", auth.RequestBurst, 1, 10_000_000);
        Range("Auth:AnonymousRequestsPerSecond", auth.AnonymousRequestsPerSecond, 1, 10_000_000);
        Range("Auth:AnonymousRequestBurst", auth.AnonymousRequestBurst, 1, 10_000_000);
        Range("Auth:MaxStreamsPerKey", auth.MaxStreamsPerKey, 1, 100_000);
        Range("Auth:MaxSymbolsPerSubscription", auth.MaxSymbolsPerSubscription, 1, 100_000);
        Range("Auth:LoginFailuresPerAddress", auth.LoginFailuresPerAddress, 1, 1_000_000);
        Range("Auth:LoginLockoutMaxSecondsPerAddress", auth.LoginLockoutMaxSecondsPerAddress, 1, 86_400);
        Range("Auth:LoginFailuresPerKey", auth.LoginFailuresPerKey, 1, 1_000_000);
        Range("Auth:LoginLockoutMaxSecondsPerKey", auth.LoginLockoutMaxSecondsPerKey, 1, 86_400);

        var feed = options.Feed;
        Require(Enum.IsDefined(feed.Kind), "Feed:Kind must be Synthetic, Replay, Bridge or None");
        Range("Feed:SymbolStaleAfterMs", feed.SymbolStaleAfterMs, 1, 86_400_000);
        Range("Feed:Synthetic:IntervalMs", feed.Synthetic.IntervalMs, 1, 3_600_000);
        Require(feed.Synthetic.TickProbability is > 0m and <= 1m, $"Feed:Synthetic:TickProbability is {feed.Synthetic.TickProbability}; it must be above 0 and at most 1");
        if (feed.Kind == FeedKind.Replay)
        {
            Require(!string.IsNullOrWhiteSpace(feed.Replay.File), "Feed:Replay:File must name an MT5 export or NDJSON recording when Feed:Kind is Replay");
            Require(feed.Replay.Speed >= 0m, "Feed:Replay:Speed must be 0 (as fast as possible) or positive");
            Range("Feed:Replay:ServerUtcOffsetSeconds", feed.Replay.ServerUtcOffsetSeconds, -86_400, 86_400);
            Range("Feed:Replay:BarMinutes", feed.Replay.BarMinutes, 0, 60 * 24 * 31);
            Require(string.IsNullOrEmpty(feed.Replay.Symbol) || SymbolNames.IsValid(feed.Replay.Symbol), "Feed:Replay:Symbol " + SymbolNames.Rule);
        }

        if (feed.Kind == FeedKind.Bridge)
        {
            Require(System.Net.IPEndPoint.TryParse(feed.Bridge.Listen, out _), $"Feed:Bridge:Listen is '{Short(feed.Bridge.Listen)}'; it must be host:port with an IP address");
            Require(feed.Bridge.Terminals.Count > 0, "Feed:Bridge:Terminals must name at least one terminal (Login and Secret)");
            for (var index = 0; index < feed.Bridge.Terminals.Count; index++)
            {
                Require(feed.Bridge.Terminals[index].Login > 0, $"Feed:Bridge:Terminals:{index}:Login must be a positive MT5 login");
                Require(feed.Bridge.Terminals[index].Secret.Length >= 16, $"Feed:Bridge:Terminals:{index}:Secret must be at least 16 characters");
            }

            Range("Feed:Bridge:HandshakeTimeoutMs", feed.Bridge.HandshakeTimeoutMs, 1, 600_000);
            Range("Feed:Bridge:StaleAfterMs", feed.Bridge.StaleAfterMs, 1, 86_400_000);
            Range("Feed:Bridge:MaxLineBytes", feed.Bridge.MaxLineBytes, 1_024, 16_777_216);
        }

        var demo = options.DemoAccount;
        if (demo.Enabled)
        {
            Require(ValueRanges.IsAccountId(demo.AccountId), "DemoAccount:AccountId " + ValueRanges.AccountIdRule);
            Require(!ValueRanges.IsAccountId(demo.AccountId) || demo.AccountId <= ValueRanges.MaxLiveAccountId, $"DemoAccount:AccountId is {demo.AccountId}; ids above {ValueRanges.MaxLiveAccountId} are for backtest accounts");
            Require(ValueRanges.IsMoney(demo.Balance) && demo.Balance >= 0m, "DemoAccount:Balance must be 0 to 1000000000000000");
            Range("DemoAccount:Leverage", demo.Leverage, 1, ValueRanges.MaxLeverage);
            Require(demo.Currency.Length == 3 && demo.Currency.All(char.IsAsciiLetterUpper), "DemoAccount:Currency must be three upper-case letters");
            Require(Enum.IsDefined(demo.MarginMode), "DemoAccount:MarginMode must be RetailNetting, Exchange or RetailHedging");
        }

        Require(IsUrlOrEmpty(options.HttpJson.Url), $"HttpJson:Url is '{Short(options.HttpJson.Url)}'; it must be an http:// or https:// URL with a port, or empty");
        Require(IsUrlOrEmpty(options.Metrics.Url), $"Metrics:Url is '{Short(options.Metrics.Url)}'; it must be an http:// URL with a port, or empty");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static bool IsKey(string base64)
    {
        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64.Trim(), buffer, out var written) && written >= 32;
    }

    private static bool IsUrlOrEmpty(string url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return true;
        }

        try
        {
            var address = Microsoft.AspNetCore.Http.BindingAddress.Parse(url.Trim());
            return address.Scheme is "http" or "https" && address.Port is > 0 and <= 65_535;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>What is wrong with TradingCore:Instances (nothing when it is empty: one instance owns every account).</summary>
    private static IEnumerable<string> InstanceProblems(InstancesOptions instances)
    {
        if (instances.Members.Count == 0)
        {
            if (instances.Self.Length > 0)
            {
                yield return "Instances:Self is set but Instances:Members is empty";
            }

            yield break;
        }

        if (!instances.Members.Any(member => member.Name == instances.Self))
        {
            yield return $"Instances:Self is '{Short(instances.Self)}'; it must be the Name of one of Instances:Members";
        }

        for (var index = 0; index < instances.Members.Count; index++)
        {
            var member = instances.Members[index];
            var name = $"Instances:Members:{index}";
            if (string.IsNullOrWhiteSpace(member.Name))
            {
                yield return $"{name}:Name is empty";
            }

            if (instances.Members.Count(other => other.Name == member.Name) > 1)
            {
                yield return $"{name}:Name '{Short(member.Name)}' is not unique";
            }

            if (member.EndpointList.Count == 0 || member.EndpointList.Any(endpoint => !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            {
                yield return $"{name}:Endpoints must be one or more comma-separated http(s) addresses";
            }

            if (!Engine.Domain.ValueRanges.IsAccountId(member.FirstAccount) || !Engine.Domain.ValueRanges.IsAccountId(member.LastAccount) || member.FirstAccount > member.LastAccount
                || member.LastAccount > Engine.Domain.ValueRanges.MaxLiveAccountId)
            {
                yield return $"{name}: FirstAccount..LastAccount is {member.FirstAccount}..{member.LastAccount}; it must be a range of live account numbers, first <= last";
            }

            foreach (var other in instances.Members.Skip(index + 1).Where(other => other.FirstAccount <= member.LastAccount && member.FirstAccount <= other.LastAccount))
            {
                yield return $"{name} ({Short(member.Name)}) and {Short(other.Name)} own overlapping account ranges";
            }
        }
    }

    /// <summary>Why a PostgreSQL connection string cannot be used, or null (the password is never echoed).</summary>
    private static string? ConnectionStringProblem(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return "is empty; Provider PostgreSql needs one, e.g. \"Host=127.0.0.1;Port=5432;Database=trading;Username=core\"";
        }

        try
        {
            var parsed = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
            return string.IsNullOrWhiteSpace(parsed.Host) ? "names no Host" : null;
        }
        catch (ArgumentException error)
        {
            return $"is not a valid Npgsql connection string ({error.Message})";
        }
    }

    /// <summary>A configured value quoted in a message, cut short (the configuration is the operator's, still bounded).</summary>
    private static string Short(string value) => value.Length <= 64 ? value : value[..64] + "...";
}
