using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using TradingCore.Configuration;
using TradingCore.Hosting;

namespace TradingCore.Security;

/// <summary>
/// The HMAC-SHA256 keys that sign and verify access tokens. The current key comes from TradingCore:Auth:SigningKey
/// or, when that is empty, from the file jwt-signing.key in the data directory (created on first start with
/// owner-only permissions). Previous keys still verify tokens during a rotation. Each key's id (kid) is derived
/// from its bytes, so a token names the key that signed it.
/// </summary>
internal sealed class SigningKeys
{
    public const string FileName = "jwt-signing.key";
    private const int MinimumKeyBytes = 32;

    public SigningKeys(TradingCoreOptions options)
    {
        var auth = options.Auth;
        var current = string.IsNullOrWhiteSpace(auth.SigningKey)
            ? LoadOrCreate(Path.Combine(options.DataDirectoryFullPath, FileName))
            : Decode(auth.SigningKey, "TradingCore:Auth:SigningKey");
        Current = Key(current);
        Credentials = new SigningCredentials(Current, SecurityAlgorithms.HmacSha256);
        ValidationKeys = [Current, .. auth.PreviousSigningKeys.Select((key, index) => Key(Decode(key, $"TradingCore:Auth:PreviousSigningKeys:{index}")))];
    }

    public SymmetricSecurityKey Current { get; }

    public SigningCredentials Credentials { get; }

    public IReadOnlyList<SecurityKey> ValidationKeys { get; }

    private static SymmetricSecurityKey Key(byte[] bytes) =>
        new(bytes) { KeyId = Convert.ToHexStringLower(SHA256.HashData(bytes))[..16] };

    private static byte[] Decode(string base64, string setting)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{setting} is not base64");
        }

        return bytes.Length >= MinimumKeyBytes
            ? bytes
            : throw new InvalidOperationException($"{setting} must be at least {MinimumKeyBytes} bytes");
    }

    private static byte[] LoadOrCreate(string path)
    {
        if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } stored)
        {
            return Decode(stored, path);
        }

        // Absent, or empty: an earlier version killed between creating the file and writing it (no token was signed
        // with a key that never reached the file). A file with content that does not decode is refused above.

        var bytes = RandomNumberGenerator.GetBytes(64);
        OwnerOnlyFile.Write(path, Convert.ToBase64String(bytes));
        return bytes;
    }
}
