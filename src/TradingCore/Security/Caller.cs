using System.Globalization;
using System.Security.Claims;
using Grpc.Core;

namespace TradingCore.Security;

/// <summary>The authenticated caller of a gRPC call: its key id, roles and accounts, from the validated JWT.</summary>
internal sealed record Caller(string KeyId, IReadOnlySet<string> Roles, IReadOnlySet<long> AccountIds)
{
    public const string AccountClaim = "acct";
    public const string RoleClaim = "role";
    public const string SubjectClaim = "sub";

    public bool IsAdmin => Roles.Contains(Role.Admin);

    public bool CanTrade => Roles.Contains(Role.Trader);

    /// <summary>The caller's rate-limit partition (one string per caller, not one per call).</summary>
    public string RateLimitPartition { get; } = "key:" + KeyId;

    /// <summary>Read access: admins read every account; viewers and traders read their own.</summary>
    public bool CanRead(long accountId) => IsAdmin || ((Roles.Contains(Role.Viewer) || CanTrade) && AccountIds.Contains(accountId));

    /// <summary>Trade access: traders on their own accounts only.</summary>
    public bool CanTradeOn(long accountId) => CanTrade && AccountIds.Contains(accountId);

    public static Caller? From(ClaimsPrincipal? principal)
    {
        var keyId = principal?.FindFirst(SubjectClaim)?.Value;
        if (principal is null || string.IsNullOrEmpty(keyId))
        {
            return null;
        }

        var roles = principal.FindAll(RoleClaim).Select(claim => claim.Value).ToHashSet(StringComparer.Ordinal);
        var accounts = principal.FindAll(AccountClaim)
            .Select(claim => long.TryParse(claim.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id) ? id : 0)
            .Where(id => id > 0)
            .ToHashSet();
        return new Caller(keyId, roles, accounts);
    }

    /// <summary>The caller of this call (<see cref="TokenAuthenticationMiddleware"/>); throws UNAUTHENTICATED when there is none.</summary>
    public static Caller Of(ServerCallContext context) =>
        context.GetHttpContext().Features.Get<TokenOutcome>()?.Caller ?? throw new RpcException(new Status(StatusCode.Unauthenticated, "an access token is required"));
}
