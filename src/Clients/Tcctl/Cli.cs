using System.CommandLine;
using System.Globalization;
using Grpc.Core;
using TradingCore.Client;

namespace TradingCore.Tcctl;

/// <summary>
/// The tcctl command tree. Every command resolves its connection the same way (options, then environment
/// variables, then the profile file) and ends with a documented exit code.
/// </summary>
internal static partial class Cli
{
    public static async Task<int> RunAsync(string[] args, CliHost host, CancellationToken cancellationToken = default)
    {
        var globals = new GlobalOptions();
        var root = new RootCommand("tcctl: the Trading Core command line (gRPC). Tables for people, --json for scripts.");
        globals.AddTo(root);
        root.Subcommands.Add(LoginCommand(globals, host));
        root.Subcommands.Add(SymbolsCommand(globals, host));
        root.Subcommands.Add(TicksCommand(globals, host));
        root.Subcommands.Add(BarsCommand(globals, host));
        root.Subcommands.Add(OrderCommand(globals, host));
        root.Subcommands.Add(OrdersCommand(globals, host));
        root.Subcommands.Add(DealsCommand(globals, host));
        root.Subcommands.Add(PositionsCommand(globals, host));
        root.Subcommands.Add(AccountCommand(globals, host));
        root.Subcommands.Add(AdminCommand(globals, host));
        root.Subcommands.Add(BacktestsCommand(globals, host));
        root.Subcommands.Add(HealthCommand(globals, host));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await host.Error.WriteLineAsync("tcctl: " + error.Message).ConfigureAwait(false);
            }

            await host.Error.WriteLineAsync("usage: " + Usage(parsed.CommandResult)).ConfigureAwait(false);
            await host.Error.WriteLineAsync("Run `tcctl --help` (or the command with --help) for details.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = host.Out, Error = host.Error }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>"tcctl order buy &lt;symbol&gt; &lt;volume&gt; [options]" for the command the parser reached.</summary>
    private static string Usage(System.CommandLine.Parsing.CommandResult result)
    {
        var path = new List<string>();
        for (var current = result; current is not null; current = current.Parent as System.CommandLine.Parsing.CommandResult)
        {
            path.Insert(0, current.Command is RootCommand ? "tcctl" : current.Command.Name);
        }

        var arguments = result.Command.Arguments.Select(argument => argument.Arity.MinimumNumberOfValues > 0 ? $"<{argument.Name}>" : $"[{argument.Name}...]");
        var tail = result.Command.Subcommands.Count > 0 ? " <command>" : string.Empty;
        return string.Join(' ', path.Concat(arguments)) + tail + " [options]";
    }

    /// <summary>Attaches <paramref name="body"/> to <paramref name="command"/> with tcctl's error handling and exit codes.</summary>
    private static void Handle(Command command, GlobalOptions globals, CliHost host, Func<Session, ParseResult, CancellationToken, Task<int>> body) =>
        command.SetAction(async (parsed, cancellationToken) =>
        {
            ConnectionSettings settings;
            try
            {
                settings = globals.Resolve(parsed, host);
            }
            catch (CliUsageException error)
            {
                await host.Error.WriteLineAsync("tcctl: " + error.Message).ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            using var session = new Session(host, settings, parsed.GetValue(globals.Json));
            try
            {
                return await body(session, parsed, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return ExitCodes.Ok;
            }
            catch (CliUsageException error)
            {
                await host.Error.WriteLineAsync("tcctl: " + error.Message).ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            catch (RpcException error)
            {
                return await ReportAsync(host, TradingCoreException.FromRpc(error), session.Settings).ConfigureAwait(false);
            }
            catch (TradingCoreException error)
            {
                return await ReportAsync(host, error, session.Settings).ConfigureAwait(false);
            }
        });

    private static async Task<int> ReportAsync(CliHost host, TradingCoreException error, ConnectionSettings settings)
    {
        if (error is ServerUnavailableException)
        {
            await host.Error.WriteLineAsync($"tcctl: cannot reach {settings.Address} ({error.StatusCode}: {error.Message})").ConfigureAwait(false);
            return ExitCodes.Unreachable;
        }

        await host.Error.WriteLineAsync($"tcctl: {error.StatusCode}: {error.Message}").ConfigureAwait(false);
        foreach (var violation in error.FieldViolations)
        {
            await host.Error.WriteLineAsync($"  {violation.Field}: {violation.Description}").ConfigureAwait(false);
        }

        if (error is NotAuthenticatedException)
        {
            await host.Error.WriteLineAsync("  (log in with `tcctl login`, or check the key id and secret)").ConfigureAwait(false);
        }

        return ExitCodes.Failed;
    }

    /// <summary>An absolute time: ISO 8601 (UTC unless an offset is given) or epoch milliseconds.</summary>
    private static long ParseTime(string? value, long fallback)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var epochMs))
        {
            return epochMs;
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.ToUnixTimeMilliseconds()
            : throw new CliUsageException($"'{value}' is not a time (ISO 8601 like 2026-11-26T10:00:00Z, or epoch milliseconds)");
    }

    private static Contracts.V1.Decimal? Wire(decimal? value) => Contracts.V1.Decimal.FromDecimal(value);

    /// <summary>The options every command accepts.</summary>
    internal sealed class GlobalOptions
    {
        public Option<string?> Address { get; } = new("--address") { Description = $"Server address (default: ${TradingCoreClientOptions.AddressVariable}, the profile, or http://127.0.0.1:50051)", Recursive = true };

        public Option<string?> KeyId { get; } = new("--key-id") { Description = $"API key id (default: ${TradingCoreClientOptions.KeyIdVariable} or the profile)", Recursive = true };

        public Option<string?> Secret { get; } = new("--secret") { Description = $"API key secret (default: ${TradingCoreClientOptions.KeySecretVariable} or the profile)", Recursive = true };

        public Option<string> Profile { get; } = new("--profile") { Description = "Profile in the profile file ($TCCTL_CONFIG or ~/.config/tcctl/profiles.json)", Recursive = true, DefaultValueFactory = _ => "default" };

        public Option<long?> Account { get; } = new("--account", "-a") { Description = "Account to act on (default: the profile's, or the key's first account)", Recursive = true };

        public Option<bool> Json { get; } = new("--json") { Description = "Print one JSON document per line (protobuf JSON) instead of tables", Recursive = true };

        public void AddTo(RootCommand root)
        {
            root.Options.Add(Address);
            root.Options.Add(KeyId);
            root.Options.Add(Secret);
            root.Options.Add(Profile);
            root.Options.Add(Account);
            root.Options.Add(Json);
        }

        public ConnectionSettings Resolve(ParseResult parsed, CliHost host)
        {
            var profileName = parsed.GetValue(Profile) ?? "default";
            var profile = ProfileStore.For(host).Read(profileName);
            var address = parsed.GetValue(Address) ?? host.Environment(TradingCoreClientOptions.AddressVariable) ?? profile?.Address ?? "http://127.0.0.1:50051";
            // One address, or several comma-separated (an active core and its standby: the one serving is used).
            var endpoints = new List<Uri>();
            foreach (var one in address.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!Uri.TryCreate(one, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                {
                    throw new CliUsageException($"'{one}' is not an http:// or https:// address");
                }

                endpoints.Add(uri);
            }

            if (endpoints.Count == 0)
            {
                throw new CliUsageException($"'{address}' is not an http:// or https:// address");
            }

            return new ConnectionSettings(
                endpoints[0],
                parsed.GetValue(KeyId) ?? NonEmpty(host.Environment(TradingCoreClientOptions.KeyIdVariable)) ?? profile?.KeyId,
                parsed.GetValue(Secret) ?? NonEmpty(host.Environment(TradingCoreClientOptions.KeySecretVariable)) ?? profile?.Secret,
                parsed.GetValue(Account) ?? profile?.AccountId,
                profileName,
                endpoints);
        }

        private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
    }
}
