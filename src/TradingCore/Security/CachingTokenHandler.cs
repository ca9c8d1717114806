using System.Collections.Concurrent;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TradingCore.Security;

/// <summary>
/// JWT validation with a cache of successful results: a bot sends the same token with every call, and validating
/// it (parse, HMAC, claims) cost ~6 µs per call. A token is validated once by the standard handler and its result is
/// reused until the token's own expiry (no clock skew: stricter than the validation itself); revocation is still
/// checked on every call (OnTokenValidated). Failures are never cached. At most <see cref="Capacity"/> tokens are
/// kept; beyond, expired entries are swept and, if still full, the cache is cleared (it only ever saves work).
/// </summary>
internal sealed class CachingTokenHandler(TimeProvider time) : JsonWebTokenHandler
{
    public const int Capacity = 100_000;

    private readonly ConcurrentDictionary<string, (TokenValidationResult Result, DateTime ValidTo)> _valid = new(StringComparer.Ordinal);

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (_valid.TryGetValue(token, out var cached))
        {
            if (now < cached.ValidTo)
            {
                return cached.Result;
            }

            _valid.TryRemove(token, out _);
        }

        var result = await base.ValidateTokenAsync(token, validationParameters).ConfigureAwait(false);
        if (result.IsValid && result.SecurityToken is { } securityToken && securityToken.ValidTo > now)
        {
            if (_valid.Count >= Capacity)
            {
                Sweep(now);
            }

            _valid[token] = (result, securityToken.ValidTo);
        }

        return result;
    }

    private void Sweep(DateTime now)
    {
        foreach (var (token, entry) in _valid)
        {
            if (entry.ValidTo <= now)
            {
                _valid.TryRemove(token, out _);
            }
        }

        if (_valid.Count >= Capacity)
        {
            _valid.Clear();
        }
    }
}
