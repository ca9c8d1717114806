using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TradingCore.Configuration;
using TradingCore.Hosting;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Security;

/// <summary>Issues access tokens (signed JWTs) for API keys with Microsoft.IdentityModel's token handler.</summary>
internal sealed class TokenIssuer(SigningKeys keys, TradingCoreOptions options, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new();

    public Wire.AccessToken Issue(ApiKeyRecord key)
    {
        var auth = options.Auth;
        var now = time.GetUtcNow();
        var expires = now.AddMinutes(auth.TokenLifetimeMinutes);
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = auth.Issuer,
            Audience = auth.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = keys.Credentials,
            Claims = new Dictionary<string, object>
            {
                [Caller.SubjectClaim] = key.KeyId,
                [Caller.RoleClaim] = key.Roles.ToArray(),
                [Caller.AccountClaim] = key.AccountIds.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
                [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
            },
        });
        var result = new Wire.AccessToken { Token = token, ExpiresAtMs = expires.ToUnixTimeMilliseconds(), KeyId = key.KeyId };
        result.Roles.AddRange(key.Roles.Select(RoleNames.ToWire));
        result.AccountIds.AddRange(key.AccountIds);
        return result;
    }
}
