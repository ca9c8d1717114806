using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;
using TradingCore.Configuration;
using TradingCore.Contracts.V1;
using TradingCore.Security;

namespace TradingCore.Tests;

/// <summary>
/// The call path's token check: a valid token is validated once and its caller reused until the token expires, a
/// revoked key is refused from the next call on even while its token is cached, and a refusal is never cached.
/// </summary>
public sealed class TokenAuthenticatorTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AValidToken_IsValidatedOnce_AndItsCallerIsReused()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        var tokens = server.Services.GetRequiredService<TokenAuthenticator>();
        var token = await Credentials.LoginAsync(server.Channel.CreateCallInvoker(), server.TraderKey);

        var first = await tokens.AuthenticateAsync("Bearer " + token);
        var again = await tokens.AuthenticateAsync("bearer  " + token + " ");

        Assert.Equal(server.TraderKey.KeyId, first.Caller?.KeyId);
        Assert.True(first.Caller!.CanTradeOn(CoreServer.DemoAccount));
        Assert.False(first.Caller.CanTradeOn(CoreServer.DemoAccount + 1));
        Assert.Same(first, again);
        Assert.Equal(server.TraderKey.KeyId, first.Principal?.FindFirst(Caller.SubjectClaim)?.Value);
    }

    [Fact]
    public async Task ARevokedKey_IsRefusedOnTheNextCall_ThoughItsTokenIsCached()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        var tokens = server.Services.GetRequiredService<TokenAuthenticator>();
        var admin = new Admin.AdminClient(await server.InvokerForAsync(server.AdminKey));
        var issued = await admin.IssueApiKeyAsync(new IssueApiKeyRequest { Name = "short-lived", Roles = { TradingCore.Contracts.V1.Role.Trader }, AccountIds = { CoreServer.DemoAccount } }, cancellationToken: Token);
        var token = await Credentials.LoginAsync(server.Channel.CreateCallInvoker(), new Credentials.Key(issued.Key.KeyId, issued.Secret));
        Assert.NotNull((await tokens.AuthenticateAsync("Bearer " + token)).Caller);

        await admin.RevokeApiKeyAsync(new RevokeApiKeyRequest { KeyId = issued.Key.KeyId }, cancellationToken: Token);
        var refused = await tokens.AuthenticateAsync("Bearer " + token);

        Assert.Null(refused.Caller);
        Assert.Equal(AuthChallenge.ApiKeyRevoked, refused.Failure?.Message);
    }

    [Theory]
    [InlineData("Bearer not-a-token", typeof(SecurityTokenMalformedException))]
    [InlineData("Basic dXNlcjpwYXNz", null)]
    [InlineData("Bearer    ", null)]
    public async Task ARefusal_SaysWhy_AndIsNeverCached(string header, Type? failure)
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        var tokens = server.Services.GetRequiredService<TokenAuthenticator>();

        var first = await tokens.AuthenticateAsync(header);
        var again = await tokens.AuthenticateAsync(header);

        Assert.Null(first.Caller);
        Assert.Null(again.Caller);
        Assert.Equal(failure, first.Failure?.GetType());
        if (failure is not null)
        {
            Assert.NotSame(first, again);
        }
    }

    [Fact]
    public async Task ACachedToken_IsValidatedAgain_OnceTheClockPassesItsExpiry()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        var token = await Credentials.LoginAsync(server.Channel.CreateCallInvoker(), server.TraderKey);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var tokens = new TokenAuthenticator(server.Services.GetRequiredService<TradingCoreOptions>(), server.Services.GetRequiredService<SigningKeys>(), server.Services.GetRequiredService<ApiKeyRegistry>(), clock);

        var first = await tokens.AuthenticateAsync("Bearer " + token);
        clock.Advance(TimeSpan.FromMinutes(1));
        var cached = await tokens.AuthenticateAsync("Bearer " + token);
        clock.Advance(TimeSpan.FromDays(2));
        var revalidated = await tokens.AuthenticateAsync("Bearer " + token);

        Assert.NotNull(first.Caller);
        Assert.Same(first, cached);
        Assert.NotSame(first, revalidated);
    }
}
