using System.Security.Claims;

namespace TradingCore.Security;

/// <summary>
/// What a call's bearer token came to, kept on the call's features by <see cref="TokenAuthenticationMiddleware"/>:
/// its caller (and principal, <c>HttpContext.User</c>), or the failure that the challenge explains. A valid token's
/// outcome is one shared instance for as long as the token is cached, so an authenticated call allocates nothing here.
/// </summary>
internal sealed class TokenOutcome(Caller? caller, ClaimsPrincipal? principal, Exception? failure)
{
    /// <summary>An authorization header that is not <c>Bearer &lt;token&gt;</c>.</summary>
    public static readonly TokenOutcome NotBearer = new(null, null, null);

    /// <summary>A valid token whose API key was revoked.</summary>
    public static readonly TokenOutcome Revoked = new(null, null, new Microsoft.IdentityModel.Tokens.SecurityTokenValidationException(AuthChallenge.ApiKeyRevoked));

    public Caller? Caller { get; } = caller;

    public ClaimsPrincipal? Principal { get; } = principal;

    public Exception? Failure { get; } = failure;
}
