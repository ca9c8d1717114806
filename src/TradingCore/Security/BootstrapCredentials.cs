using System.Text.Json;
using TradingCore.Configuration;
using TradingCore.Hosting;

namespace TradingCore.Security;

/// <summary>
/// First start on an empty key table: issues an admin key and a trader key bound to the demo account, writes both
/// to bootstrap-credentials.json in the data directory (owner-only permissions) and returns the file's path.
/// The secrets exist nowhere else; the log names only the path.
/// </summary>
internal static class BootstrapCredentials
{
    public const string FileName = "bootstrap-credentials.json";

    public static string Create(ApiKeyRegistry keys, TradingCoreOptions options, long? demoAccountId)
    {
        var (admin, adminSecret) = keys.Issue("bootstrap admin", [Role.Admin], []);
        var trader = demoAccountId is { } accountId ? keys.Issue("bootstrap trader", [Role.Trader], [accountId]) : default;
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
        File.Delete(path);
        OwnerOnlyFile.Write(path, JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }
}
