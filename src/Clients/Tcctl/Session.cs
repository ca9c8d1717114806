using System.Globalization;
using Google.Protobuf;
using Grpc.Net.Client;
using Spectre.Console;
using TradingCore.Client;
using TradingCore.Contracts.V1;

namespace TradingCore.Tcctl;

/// <summary>A usage problem found after parsing (e.g. no account to act on): exit code 2.</summary>
internal sealed class CliUsageException(string message) : Exception(message);

/// <summary>
/// What one tcctl invocation works with: the resolved connection settings, a lazily created client, and the
/// output conventions (a table for people, one JSON document per line with <c>--json</c>).
/// </summary>
internal sealed class Session(CliHost host, ConnectionSettings settings, bool json) : IDisposable
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));
    private GrpcChannel? _channel;
    private TradingCoreClient? _client;

    public CliHost Host => host;

    public ConnectionSettings Settings => settings;

    public bool Json => json;

    public GrpcChannel Channel => _channel ??= ChannelToServingEndpoint();

    public TradingCoreClient Client => _client ??= new TradingCoreClient(Channel, Options());

    /// <summary>Logs in unless a token is held (for calls through the generated clients, which do not log in).</summary>
    public async Task<AccessToken> LoggedInAsync(CancellationToken cancellationToken)
    {
        if (Client.Session is { } held)
        {
            return held;
        }

        if (string.IsNullOrEmpty(settings.KeyId) || string.IsNullOrEmpty(settings.Secret))
        {
            throw new CliUsageException($"no API key: run `tcctl login`, pass --key-id and --secret, or set {TradingCoreClientOptions.KeyIdVariable} and {TradingCoreClientOptions.KeySecretVariable}");
        }

        return await Client.LoginAsync(settings.KeyId, settings.Secret, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>--account, else the profile's account, else the first account the API key is bound to.</summary>
    public async Task<long> AccountAsync(CancellationToken cancellationToken)
    {
        if (settings.AccountId is { } configured)
        {
            return configured;
        }

        var token = await LoggedInAsync(cancellationToken).ConfigureAwait(false);
        return token.AccountIds.Count > 0 ? token.AccountIds[0] : throw new CliUsageException("the key is bound to no account: pass --account");
    }

    /// <summary>Writes <paramref name="message"/> as one JSON line with --json, or renders it for people.</summary>
    public void Emit(IMessage message, Action human)
    {
        if (json)
        {
            host.Out.WriteLine(Formatter.Format(message));
            host.Out.Flush();
        }
        else
        {
            human();
        }
    }

    /// <summary>Runs a long operation with a spinner when a person is watching.</summary>
    public async Task<T> WithProgressAsync<T>(string what, Func<Task<T>> operation)
    {
        if (json || !host.Interactive)
        {
            return await operation().ConfigureAwait(false);
        }

        return await host.Console.Status().StartAsync(what, _ => operation()).ConfigureAwait(false);
    }

    /// <summary>Runs a long operation of <paramref name="total"/> units with a progress bar when a person is watching; the operation reports units done.</summary>
    public async Task<T> WithProgressAsync<T>(string what, long total, Func<Action<long>, Task<T>> operation)
    {
        if (json || !host.Interactive)
        {
            return await operation(_ => { }).ConfigureAwait(false);
        }

        return await host.Console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(what, maxValue: Math.Max(1, total));
                var result = await operation(done => task.Value = done).ConfigureAwait(false);
                task.Value = task.MaxValue;
                return result;
            }).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _client?.Dispose();
        _channel?.Dispose();
    }

    /// <summary>
    /// With several endpoints (an active core and its standby): the first whose health answers SERVING within two
    /// seconds (a standby answers NOT_SERVING, a dead core not at all); the first one when none does, so the command
    /// reports why. One endpoint: it, unchecked.
    /// </summary>
    private GrpcChannel ChannelToServingEndpoint()
    {
        var endpoints = settings.Endpoints ?? [settings.Address];
        if (endpoints.Count > 1)
        {
            foreach (var endpoint in endpoints)
            {
                var candidate = TradingCoreClient.CreateChannel(Options(endpoint));
                try
                {
                    var health = new Grpc.Health.V1.Health.HealthClient(candidate).Check(new Grpc.Health.V1.HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(2));
                    if (health.Status == Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving)
                    {
                        return candidate;
                    }
                }
                catch (Grpc.Core.RpcException)
                {
                    // Down or unreachable: the next one.
                }

                candidate.Dispose();
            }
        }

        return TradingCoreClient.CreateChannel(Options(endpoints[0]));
    }

    private TradingCoreClientOptions Options(Uri? endpoint = null) => new()
    {
        Address = endpoint ?? settings.Address,
        ApiKeyId = settings.KeyId,
        ApiKeySecret = settings.Secret,
        Retry = new RetryOptions { MaxAttempts = 3, StreamMaxReconnects = null },
    };

    public static string Format(Contracts.V1.Decimal? value) =>
        value is null ? "" : value.ToDecimal().ToString("0.#####################", CultureInfo.InvariantCulture);

    /// <summary>A live figure: "no quote" when the server could not price it (absent, which is not zero), "(stale)" after a stale one.</summary>
    public static string Priced(Contracts.V1.Decimal? value, Contracts.V1.PriceState state) => state switch
    {
        Contracts.V1.PriceState.NoQuote when value is null => "no quote",
        Contracts.V1.PriceState.Stale => Format(value) + " (stale)",
        _ => Format(value),
    };

    /// <summary>ISO-8601 UTC (<see cref="ContractNames.Time"/>), the one time format of human output.</summary>
    public static string Time(long epochMs) => ContractNames.Time(epochMs);

    /// <summary>"ORDER_TYPE_BUY_LIMIT" reads "BUY_LIMIT" (<see cref="ContractNames.Short{TEnum}"/>), the one enum naming of human output.</summary>
    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => ContractNames.Short(value);

    /// <summary>An option whose value is one of an enum's values, read as people type it (<see cref="ContractNames.TryParse{TEnum}"/>).</summary>
    public static TEnum ParseEnum<TEnum>(System.CommandLine.Parsing.ArgumentResult result, string what, TEnum? absent = null)
        where TEnum : struct, Enum
    {
        if (result.Tokens.Count == 0 && absent is { } fallback)
        {
            return fallback;
        }

        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (ContractNames.TryParse<TEnum>(text, out var value))
        {
            return value;
        }

        result.AddError($"'{text}' is not a {what}: {string.Join(", ", ContractNames.Values<TEnum>())}");
        return default;
    }

    public static Table Table(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(column));
        }

        return table;
    }
}

/// <summary>Connection settings after applying options, environment variables and the profile, in that order.</summary>
internal sealed record ConnectionSettings(Uri Address, string? KeyId, string? Secret, long? AccountId, string ProfileName, IReadOnlyList<Uri>? Endpoints = null);
