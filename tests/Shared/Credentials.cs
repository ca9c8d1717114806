using System.Text.Json;
using Grpc.Core;
using Grpc.Core.Interceptors;
using TradingCore.Contracts.V1;

namespace TradingCore.Testing;

/// <summary>The bootstrap API keys a first start writes, and channels that log in with them.</summary>
internal static class Credentials
{
    public sealed record Key(string KeyId, string Secret);

    public static (Key Admin, Key Trader) ReadBootstrap(string dataDirectory)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(dataDirectory, "bootstrap-credentials.json")));
        Key Read(string name) => new(document.RootElement.GetProperty(name + "_key_id").GetString()!, document.RootElement.GetProperty(name + "_secret").GetString()!);
        return (Read("admin"), Read("trader"));
    }

    public static async Task<string> LoginAsync(CallInvoker anonymous, Key key) =>
        (await new Auth.AuthClient(anonymous).LoginAsync(new LoginRequest { KeyId = key.KeyId, Secret = key.Secret })).AccessToken.Token;

    /// <summary>A call invoker that sends the token as `authorization: Bearer` metadata on every call.</summary>
    public static CallInvoker WithToken(CallInvoker invoker, string token) =>
        invoker.Intercept(metadata =>
        {
            metadata.Add("authorization", "Bearer " + token);
            return metadata;
        });
}
