using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TradingCore.Configuration;

namespace TradingCore.Security;

/// <summary>
/// Turns a call's <c>authorization</c> header into its <see cref="Caller"/>: a JWT the core issued (HMAC-SHA256, this
/// issuer and audience, within its lifetime give or take 30 s of clock skew) whose API key is still active. A bot
/// sends the same token with every call, so a valid token's outcome (its caller, with the role and account sets the
/// authorization checks read) is kept until the token's own expiry (no skew: stricter than the validation itself) and
/// a repeated call costs one dictionary lookup plus the revocation check, which runs on every call. Failures are never
/// kept. At most <see cref="Capacity"/> tokens are kept; beyond, expired entries are swept and, if still full, the
/// cache is cleared (it only ever saves work). This replaces ASP.NET Core's JWT bearer handler and authorization
/// middleware on the call path, whose per-call handler, validation-parameter clone and policy evaluation cost more
/// than the order's own validation (docs/benchmarks.md, tenth session).
/// </summary>
internal sealed class TokenAuthenticator
{
    public const int Capacity = 100_000;
    private const string Scheme = "Bearer ";

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly TokenValidationParameters _parameters;
    private readonly ApiKeyRegistry _registry;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, (TokenOutcome Outcome, DateTime ValidTo)> _valid = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (TokenOutcome Outcome, DateTime ValidTo)>.AlternateLookup<ReadOnlySpan<char>> _validByText;

    public TokenAuthenticator(TradingCoreOptions options, SigningKeys keys, ApiKeyRegistry registry, TimeProvider time)
    {
        _registry = registry;
        _time = time;
        _validByText = _valid.GetAlternateLookup<ReadOnlySpan<char>>();
        _parameters = new TokenValidationParameters
        {
            ValidIssuer = options.Auth.Issuer,
            ValidAudience = options.Auth.Audience,
            IssuerSigningKeys = keys.ValidationKeys,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ClockSkew = TimeSpan.FromSeconds(30),
            NameClaimType = Caller.SubjectClaim,
            RoleClaimType = Caller.RoleClaim,
        };
    }

    /// <summary>
    /// The outcome of an <c>authorization</c> header: a caller, or why there is none. A header that is not
    /// <c>Bearer &lt;token&gt;</c> is refused without a reason (<see cref="TokenOutcome.NotBearer"/>).
    /// </summary>
    public ValueTask<TokenOutcome> AuthenticateAsync(string header)
    {
        var token = header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? header.AsSpan(Scheme.Length).Trim() : [];
        if (token.IsEmpty)
        {
            return ValueTask.FromResult(TokenOutcome.NotBearer);
        }

        // Looked up by the header's own characters: a cached token costs no string.
        var now = _time.GetUtcNow().UtcDateTime;
        if (_validByText.TryGetValue(token, out var cached))
        {
            if (now < cached.ValidTo)
            {
                return ValueTask.FromResult(Active(cached.Outcome));
            }

            _validByText.TryRemove(token, out _);
        }

        return ValidateAsync(token.ToString(), now);
    }

    private async ValueTask<TokenOutcome> ValidateAsync(string token, DateTime now)
    {
        var result = await _handler.ValidateTokenAsync(token, _parameters).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return new TokenOutcome(null, null, result.Exception ?? new SecurityTokenValidationException("the token did not validate"));
        }

        var principal = new ClaimsPrincipal(result.ClaimsIdentity);
        if (Caller.From(principal) is not { } caller)
        {
            return new TokenOutcome(null, null, new SecurityTokenValidationException("the token names no API key"));
        }

        var outcome = new TokenOutcome(caller, principal, null);
        if (result.SecurityToken is { } securityToken && securityToken.ValidTo > now)
        {
            if (_valid.Count >= Capacity)
            {
                Sweep(now);
            }

            _valid[token] = (outcome, securityToken.ValidTo);
        }

        return Active(outcome);
    }

    /// <summary>Revocation is immediate: a token of a revoked key is refused from the next call on.</summary>
    private TokenOutcome Active(TokenOutcome outcome) =>
        _registry.IsActive(outcome.Caller!.KeyId) ? outcome : TokenOutcome.Revoked;

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
