using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TradingCore.Security;

/// <summary>
/// API key secrets as salted hashes. Secrets are 32 random bytes (256 bits), so they need no password stretching:
/// guessing one is 2^255 work however fast the hash. They are stored as "hmac-sha256$salt$hash" (base64; the hash is
/// HMAC-SHA256 keyed with a 16-byte random salt), which costs about a microsecond to verify, so a flood of wrong
/// logins costs the server nothing. Hashes of earlier versions ("pbkdf2-sha256$iterations$salt$hash") stay
/// verifiable and are replaced on the key's next successful login (<see cref="NeedsUpgrade"/>). Comparison is in
/// constant time. Secrets are never stored, logged or returned after issue.
/// </summary>
internal static class SecretHasher
{
    private const string Scheme = "hmac-sha256";
    private const string LegacyScheme = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public static string Hash(string secret)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return $"{Scheme}${Convert.ToBase64String(salt)}${Convert.ToBase64String(HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes(secret)))}";
    }

    public static bool Verify(string secret, string stored)
    {
        var parts = stored.Split('$');
        try
        {
            if (parts.Length == 3 && parts[0] == Scheme)
            {
                var expected = Convert.FromBase64String(parts[2]);
                return CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(Convert.FromBase64String(parts[1]), Encoding.UTF8.GetBytes(secret)), expected);
            }

            if (parts.Length == 4 && parts[0] == LegacyScheme && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) && iterations > 0)
            {
                var expected = Convert.FromBase64String(parts[3]);
                var actual = Rfc2898DeriveBytes.Pbkdf2(secret, Convert.FromBase64String(parts[2]), iterations, HashAlgorithmName.SHA256, expected.Length);
                return CryptographicOperations.FixedTimeEquals(actual, expected);
            }
        }
        catch (FormatException)
        {
            // A damaged stored hash matches nothing.
        }

        return false;
    }

    /// <summary>True for hashes of an earlier scheme: rehash with <see cref="Hash"/> after a successful verification.</summary>
    public static bool NeedsUpgrade(string stored) => !stored.StartsWith(Scheme + "$", StringComparison.Ordinal);

    /// <summary>A hash in the earlier PBKDF2 scheme (only to test that such hashes still verify and get upgraded).</summary>
    internal static string LegacyHash(string secret, int iterations)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(secret, salt, iterations, HashAlgorithmName.SHA256, HashBytes);
        return string.Create(CultureInfo.InvariantCulture, $"{LegacyScheme}${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    /// <summary>A new random secret: 32 bytes, base64url without padding (43 characters).</summary>
    public static string NewSecret() => Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>A new key id: "tck_" and 16 hex characters.</summary>
    public static string NewKeyId() => "tck_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
