namespace TradingCore.Security;

/// <summary>
/// Refuses a call to an endpoint marked <see cref="RequiresCaller"/> (the trading services; a method marked
/// <c>[AllowAnonymous]</c> is open, as Accounts/LocateAccount) that has no authenticated
/// caller, in the caller's own protocol and with the reason its token was refused (<see cref="AuthChallenge"/>). It
/// runs after the rate limiter, so a flood of bad tokens is limited per address before it costs a challenge.
/// </summary>
internal sealed class RequireCallerMiddleware(RequestDelegate next, Diagnostics.TradingCoreMetrics metrics)
{
    public Task InvokeAsync(HttpContext context)
    {
        var outcome = context.Features.Get<TokenOutcome>();
        var metadata = context.GetEndpoint()?.Metadata;
        if (outcome?.Caller is not null || metadata?.GetMetadata<RequiresCaller>() is null
            || metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is not null)
        {
            return next(context);
        }

        metrics.AuthFailed("token");
        return AuthChallenge.WriteAsync(context, outcome);
    }
}
