using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Grpc.Core;
using Spectre.Console;
using TradingCore.Contracts.V1;

namespace TradingCore.Tcctl;

internal static partial class Cli
{
    private static Command LoginCommand(GlobalOptions globals, CliHost host)
    {
        var bootstrap = new Option<string?>("--bootstrap") { Description = "Read the key from a bootstrap-credentials.json written by the server's first start" };
        var admin = new Option<bool>("--admin") { Description = "With --bootstrap: the admin key instead of the trader key" };
        var noSave = new Option<bool>("--no-save") { Description = "Only check the key; do not write the profile" };
        var command = new Command("login", "Check an API key and save it with the address in a profile (owner-only file)") { bootstrap, admin, noSave };
        Handle(command, globals, host, async (session, parsed, cancellationToken) =>
        {
            var (keyId, secret) = (session.Settings.KeyId, session.Settings.Secret);
            if (parsed.GetValue(bootstrap) is { } path)
            {
                (keyId, secret) = ReadBootstrap(path, parsed.GetValue(admin) ? "admin" : "trader");
            }

            if (string.IsNullOrEmpty(keyId) || string.IsNullOrEmpty(secret))
            {
                throw new CliUsageException("give --key-id and --secret, or --bootstrap <file>");
            }

            var token = await session.Client.LoginAsync(keyId, secret, cancellationToken);
            var store = ProfileStore.For(host);
            if (!parsed.GetValue(noSave))
            {
                store.Save(session.Settings.ProfileName, new Profile
                {
                    Address = string.Join(",", (session.Settings.Endpoints ?? [session.Settings.Address]).Select(endpoint => endpoint.ToString().TrimEnd('/'))),
                    KeyId = keyId,
                    Secret = secret,
                    AccountId = session.Settings.AccountId ?? (token.AccountIds.Count > 0 ? token.AccountIds[0] : null),
                });
            }

            session.Emit(token, () =>
            {
                host.Console.MarkupLine($"[green]Logged in[/] as {Markup.Escape(token.KeyId)} ({string.Join(", ", token.Roles.Select(role => Session.Name(role)))}); accounts: {string.Join(", ", token.AccountIds)}; token valid until {Session.Time(token.ExpiresAtMs)}");
                if (!parsed.GetValue(noSave))
                {
                    host.Console.MarkupLine($"Saved profile [bold]{Markup.Escape(session.Settings.ProfileName)}[/] in {Markup.Escape(store.Path)}");
                }
            });
            return ExitCodes.Ok;
        });
        return command;
    }

    private static (string KeyId, string Secret) ReadBootstrap(string path, string role)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            return (document.RootElement.GetProperty(role + "_key_id").GetString()!, document.RootElement.GetProperty(role + "_secret").GetString()!);
        }
        catch (Exception error) when (error is IOException or JsonException or KeyNotFoundException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"cannot read the {role} key from {path}: {error.Message}");
        }
    }

    private static Command AdminCommand(GlobalOptions globals, CliHost host)
    {
        var command = new Command("admin", "Administration (admin key): accounts, API keys, symbols, bar import, backup");
        command.Subcommands.Add(AdminAccountsCommand(globals, host));
        command.Subcommands.Add(AdminKeysCommand(globals, host));
        command.Subcommands.Add(AdminSymbolsCommand(globals, host));
        command.Subcommands.Add(ImportBarsCommand(globals, host));
        command.Subcommands.Add(BackupCommand(globals, host));
        return command;
    }

    private static async Task<Admin.AdminClient> AdminAsync(Session session, CancellationToken cancellationToken)
    {
        await session.LoggedInAsync(cancellationToken);
        return session.Client.Admin;
    }

    private static DateTime Deadline() => DateTime.UtcNow.AddSeconds(30);

    private static Command AdminAccountsCommand(GlobalOptions globals, CliHost host)
    {
        var command = new Command("accounts", "List accounts (or create one)");
        Handle(command, globals, host, async (session, _, cancellationToken) =>
        {
            var admin = await AdminAsync(session, cancellationToken);
            var reply = await admin.ListAccountsAsync(new AdminListAccountsRequest(), deadline: Deadline(), cancellationToken: cancellationToken);
            session.Emit(reply, () =>
            {
                var table = Session.Table("Account", "Name", "Mode", "Leverage", "Currency", "Balance", "Equity", "State", "Venue");
                foreach (var account in reply.Accounts)
                {
                    var venue = account.Venue == AccountVenue.Mt5 ? $"MT5 {account.Mt5Login} {Session.Name(account.VenueState)}" : "INTERNAL";
                    table.AddRow(account.AccountId.ToString(CultureInfo.InvariantCulture), Markup.Escape(account.Name), Session.Name(account.MarginMode), "1:" + account.Leverage.ToString(CultureInfo.InvariantCulture), account.Currency, Session.Format(account.Balance), Session.Format(account.Equity), account.Closed ? "closed" : Session.Name(account.TradingState), venue);
                }

                host.Console.Write(table);
            });
            return ExitCodes.Ok;
        });

        var id = new Option<long>("--id") { Description = "Account id", Required = true };
        var name = new Option<string>("--name") { Description = "Account name", Required = true };
        var currency = new Option<string>("--currency") { Description = "Deposit currency", DefaultValueFactory = _ => "USD" };
        var leverage = new Option<int>("--leverage") { Description = "Leverage (100 = 1:100)", DefaultValueFactory = _ => 100 };
        var mode = new Option<MarginMode>("--margin-mode") { Description = "RETAIL_NETTING (default), EXCHANGE or RETAIL_HEDGING", DefaultValueFactory = _ => MarginMode.RetailNetting, CustomParser = result => Session.ParseEnum<MarginMode>(result, "margin mode", MarginMode.RetailNetting) };
        var balance = DecimalValues.Option("--balance", "Opening balance", "10000");
        var mt5Login = new Option<long>("--mt5-login") { Description = "Route the account's orders to the MT5 terminal of this login (venue MT5, docs/mt5-routing.md); absent: INTERNAL" };
        var create = new Command("create", "Create an account") { id, name, currency, leverage, mode, balance, mt5Login };
        Handle(create, globals, host, async (session, parsed, cancellationToken) =>
        {
            var admin = await AdminAsync(session, cancellationToken);
            var reply = await admin.CreateAccountAsync(
                new CreateAccountRequest { AccountId = parsed.GetValue(id), Name = parsed.GetValue(name)!, Currency = parsed.GetValue(currency)!, Leverage = parsed.GetValue(leverage), MarginMode = parsed.GetValue(mode), Balance = Wire(parsed.GetValue(balance)), Venue = parsed.GetValue(mt5Login) != 0 ? AccountVenue.Mt5 : AccountVenue.Internal, Mt5Login = parsed.GetValue(mt5Login) },
                deadline: Deadline(),
                cancellationToken: cancellationToken);
            session.Emit(reply, () => host.Console.MarkupLine($"[green]Created[/] account {reply.Account.AccountId} ({Markup.Escape(reply.Account.Name)}), balance {Session.Format(reply.Account.Balance)} {reply.Account.Currency}"));
            return ExitCodes.Ok;
        });
        command.Subcommands.Add(create);
        return command;
    }

    private static Command AdminKeysCommand(GlobalOptions globals, CliHost host)
    {
        var command = new Command("keys", "List API keys (or issue / revoke one)");
        Handle(command, globals, host, async (session, _, cancellationToken) =>
        {
            var admin = await AdminAsync(session, cancellationToken);
            var reply = await admin.ListApiKeysAsync(new ListApiKeysRequest(), deadline: Deadline(), cancellationToken: cancellationToken);
            session.Emit(reply, () =>
            {
                var table = Session.Table("Key id", "Name", "Roles", "Accounts", "Created", "Revoked");
                foreach (var key in reply.Keys)
                {
                    table.AddRow(Markup.Escape(key.KeyId), Markup.Escape(key.Name), string.Join(", ", key.Roles.Select(role => Session.Name(role))), string.Join(", ", key.AccountIds), Session.Time(key.CreatedMs), Session.Time(key.RevokedMs));
                }

                host.Console.Write(table);
            });
            return ExitCodes.Ok;
        });

        var name = new Option<string>("--name") { Description = "What the key is for", Required = true };
        var roles = new Option<Role[]>("--role") { Description = "VIEWER, TRADER or ADMIN (repeatable)", Required = true, AllowMultipleArgumentsPerToken = true, CustomParser = ParseRoles };
        var accounts = new Option<long[]>("--accounts") { Description = "Accounts the key is bound to (repeatable)", AllowMultipleArgumentsPerToken = true };
        var issue = new Command("issue", "Issue an API key; its secret is shown once") { name, roles, accounts };
        Handle(issue, globals, host, async (session, parsed, cancellationToken) =>
        {
            var admin = await AdminAsync(session, cancellationToken);
            var request = new IssueApiKeyRequest { Name = parsed.GetValue(name)! };
            request.Roles.AddRange(parsed.GetValue(roles) ?? []);
            request.AccountIds.AddRange(parsed.GetValue(accounts) ?? []);
            var reply = await admin.IssueApiKeyAsync(request, deadline: Deadline(), cancellationToken: cancellationToken);
            session.Emit(reply, () =>
            {
                host.Console.MarkupLine($"[green]Issued[/] {Markup.Escape(reply.Key.KeyId)}");
                host.Console.MarkupLine($"Secret (shown once, store it now): [bold]{Markup.Escape(reply.Secret)}[/]");
            });
            return ExitCodes.Ok;
        });

        var keyId = new Argument<string>("key-id") { Description = "The key to revoke" };
        var revoke = new Command("revoke", "Revoke an API key (its tokens stop working)") { keyId };
        Handle(revoke, globals, host, async (session, parsed, cancellationToken) =>
        {
            var admin = await AdminAsync(session, cancellationToken);
            var reply = await admin.RevokeApiKeyAsync(new RevokeApiKeyRequest { KeyId = parsed.GetValue(keyId)! }, deadline: Deadline(), cancellationToken: cancellationToken);
            session.Emit(reply, () => host.Console.MarkupLine($"[green]Revoked[/] {Markup.Escape(reply.Key.KeyId)} at {Session.Time(reply.Key.RevokedMs)}"));
            return ExitCodes.Ok;
        });
        command.Subcommands.Add(issue);
        command.Subcommands.Add(revoke);
        return command;
    }

    private static Command AdminSymbolsCommand(GlobalOptions globals, CliHost host)
    {
        var command = new Command("symbols", "List symbols with their enabled state (or enable / disable one)");
        Handle(command, globals, host, async (session, _, cancellationToken) =>
        {
            var admin = await AdminAsync(session, cancellationToken);
            var reply = await admin.ListSymbolsAsync(new AdminListSymbolsRequest(), deadline: Deadline(), cancellationToken: cancellationToken);
            session.Emit(reply, () =>
            {
                var table = Session.Table("Symbol", "Enabled", "Digits", "Contract", "Trade mode");
                foreach (var symbol in reply.Symbols)
                {
                    table.AddRow(Markup.Escape(symbol.Spec.Name), symbol.Enabled ? "[green]yes[/]" : "[red]no[/]", symbol.Spec.Digits.ToString(CultureInfo.InvariantCulture), Session.Format(symbol.Spec.ContractSize), Session.Name(symbol.Spec.TradeMode));
                }

                host.Console.Write(table);
            });
            return ExitCodes.Ok;
        });
        command.Subcommands.Add(SymbolSwitch("enable", true, globals, host));
        command.Subcommands.Add(SymbolSwitch("disable", false, globals, host));
        return command;
    }

    private static Command SymbolSwitch(string name, bool enabled, GlobalOptions globals, CliHost host)
    {
        var symbol = new Argument<string>("symbol") { Description = "Symbol" };
        var command = new Command(name, enabled ? "Allow new orders on a symbol" : "Refuse new orders on a symbol") { symbol };
        Handle(command, globals, host, async (session, parsed, cancellationToken) =>
        {
            var admin = await AdminAsync(session, cancellationToken);
            var reply = await admin.SetSymbolEnabledAsync(new SetSymbolEnabledRequest { Symbol = parsed.GetValue(symbol)!, Enabled = enabled }, deadline: Deadline(), cancellationToken: cancellationToken);
            session.Emit(reply, () => host.Console.MarkupLine($"{Markup.Escape(reply.Symbol.Spec.Name)}: {(reply.Symbol.Enabled ? "[green]enabled[/]" : "[red]disabled[/]")}"));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command BackupCommand(GlobalOptions globals, CliHost host)
    {
        var name = new Option<string?>("--name") { Description = "File name in the server's backup directory (default: trading-<UTC time>.db)" };
        var command = new Command("backup", "Write a consistent copy of the database while the core runs (restore: docs/operations.md)") { name };
        Handle(command, globals, host, async (session, parsed, cancellationToken) =>
        {
            var admin = await AdminAsync(session, cancellationToken);
            var reply = await session.WithProgressAsync("Backing up the database", async () => await admin.BackupDatabaseAsync(
                new BackupDatabaseRequest { FileName = parsed.GetValue(name) ?? string.Empty },
                deadline: DateTime.UtcNow.AddMinutes(30),
                cancellationToken: cancellationToken));
            session.Emit(reply, () => host.Console.MarkupLine($"[green]Backed up[/] to {Markup.Escape(reply.Path)} ({reply.SizeBytes:N0} bytes, up to event {reply.LastSequence}, {reply.DurationMs} ms)"));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Characters per streamed piece of a bar import: at most 3 bytes each in UTF-8, well under 1 MiB.</summary>
    private const int ImportPieceChars = 128 * 1024;

    private static Role[] ParseRoles(System.CommandLine.Parsing.ArgumentResult result)
    {
        var roles = new List<Role>();
        foreach (var token in result.Tokens)
        {
            if (!ContractNames.TryParse<Role>(token.Value, out var role))
            {
                result.AddError($"'{token.Value}' is not a role: {string.Join(", ", ContractNames.Values<Role>())}");
                return [];
            }

            roles.Add(role);
        }

        return [.. roles];
    }

    private static Command ImportBarsCommand(GlobalOptions globals, CliHost host)
    {
        var file = new Argument<FileInfo>("file") { Description = "An MT5 bar export (intraday 9-column or daily/weekly 8-column)" };
        var symbol = new Option<string>("--symbol") { Description = "Symbol of the bars", Required = true };
        var timeframe = new Option<Timeframe>("--timeframe", "-t") { Description = "Timeframe of the bars (H1, D1, ...)", Required = true, CustomParser = result => Session.ParseEnum<Timeframe>(result, "timeframe") };
        var offset = new Option<int>("--server-utc-offset") { Description = "The trade server's UTC offset in seconds (exports are in server time)" };
        var command = new Command("import-bars", "Import an MT5 bar export as bar history") { file, symbol, timeframe, offset };
        Handle(command, globals, host, async (session, parsed, cancellationToken) =>
        {
            var path = parsed.GetValue(file)!;
            if (!path.Exists)
            {
                throw new CliUsageException($"no file {path.FullName}");
            }

            var admin = await AdminAsync(session, cancellationToken);
            var reply = await session.WithProgressAsync($"Importing {path.Name}", path.Length, async progress =>
            {
                // Streamed in pieces well under the 1 MiB message limit (an export of any size); the server reads
                // the pieces as one text, checks every line, then stores the bars.
                using var call = admin.ImportBarsStream(deadline: DateTime.UtcNow.AddMinutes(30), cancellationToken: cancellationToken);
                await using var file = File.OpenRead(path.FullName);
                using var reader = new StreamReader(file, detectEncodingFromByteOrderMarks: true);
                var buffer = new char[ImportPieceChars];
                var request = new ImportBarsRequest { Symbol = parsed.GetValue(symbol)!, Timeframe = parsed.GetValue(timeframe), ServerUtcOffsetS = parsed.GetValue(offset) };
                int read;
                do
                {
                    // The first message goes even for an empty file: it names symbol and timeframe.
                    read = await reader.ReadBlockAsync(buffer, cancellationToken);
                    request.Content = new string(buffer, 0, read);
                    await call.RequestStream.WriteAsync(request, cancellationToken);
                    progress(file.Position);
                    request = new ImportBarsRequest();
                }
                while (read == buffer.Length);

                await call.RequestStream.CompleteAsync();
                return await call.ResponseAsync;
            });
            session.Emit(reply, () => host.Console.MarkupLine($"[green]Imported[/] {reply.Imported} bars from {Session.Time(reply.FirstTimeMs)} to {Session.Time(reply.LastTimeMs)}"));
            return ExitCodes.Ok;
        });
        return command;
    }
}
