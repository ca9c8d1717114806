namespace TradingCore.Security;

/// <summary>
/// Authenticates every call that sends an <c>authorization</c> header (<see cref="TokenAuthenticator"/>): its
/// <see cref="TokenOutcome"/> goes on the call's features and a valid token's principal becomes
/// <c>HttpContext.User</c>. It refuses nothing itself: rate limits are chosen by the caller it found, then
/// <see cref="RequireCallerMiddleware"/> refuses calls to protected endpoints without one, and the authorization
/// interceptor checks role and account per method. A call without the header stays anonymous, which the open
/// endpoints (login, health, reflection) serve.
/// </summary>
internal sealed class TokenAuthenticationMiddleware(RequestDelegate next, TokenAuthenticator tokens)
{
    public Task InvokeAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization;
        if (header.Count == 0)
        {
            return next(context);
        }

        var outcome = tokens.AuthenticateAsync(header.ToString());
        if (!outcome.IsCompletedSuccessfully)
        {
            return ContinueAsync(context, outcome);
        }

        Apply(context, outcome.Result);
        return next(context);
    }

    private async Task ContinueAsync(HttpContext context, ValueTask<TokenOutcome> outcome)
    {
        Apply(context, await outcome.ConfigureAwait(false));
        await next(context).ConfigureAwait(false);
    }

    private static void Apply(HttpContext context, TokenOutcome outcome)
    {
        context.Features.Set(outcome);
        if (outcome.Principal is { } principal)
        {
            context.User = principal;
        }
    }
}
