using System.Text.Json;
using TradingCore.Configuration;
using TradingCore.Hosting;

namespace TradingCore.Security;

/// <summary>
/// First start on an empty key table: issues an admin key and a trader key bound to the demo account, writes both
/// to bootstrap-credentials.json in the data directory (owner-only permissions) and returns the file's path.
/// The secrets exist nowhere else; the log names only the path. The file is written whole (<see cref="OwnerOnlyFile.Write"/>)
/// before the keys are stored, both in one transaction: a start that dies in between stored no key, so the next start
/// issues new ones and rewrites the file; never keys whose secrets nobody has.
/// </summary>
internal static class BootstrapCredentials
{
    public const string FileName = "bootstrap-credentials.json";

    public static string Create(ApiKeyRegistry keys, TradingCoreOptions options, long? demoAccountId)
    {
        var (admin, adminSecret) = keys.Prepare("bootstrap admin", [Role.Admin], []);
        var trader = demoAccountId is { } accountId ? keys.Prepare("bootstrap trader", [Role.Trader], [accountId]) : default;
        // Flat, one value per line, so shell tools can read it (the README's walkthrough uses sed).
        var document = new Dictionary<string, object?>
        {
            ["note"] = "Created on first start. Log in with trading.v1.Auth/Login; store the secrets elsewhere and delete this file.",
            ["admin_key_id"] = admin.KeyId,
            ["admin_secret"] = adminSecret,
            ["trader_key_id"] = trader.Key?.KeyId,
            ["trader_secret"] = trader.Secret,
            ["trader_account_ids"] = trader.Key?.AccountIds,
        };
        var path = Path.Combine(options.DataDirectoryFullPath, FileName);
        OwnerOnlyFile.Write(path, JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }));
        keys.Store(trader.Key is { } traderKey ? [admin, traderKey] : [admin]);
        return path;
    }
}
