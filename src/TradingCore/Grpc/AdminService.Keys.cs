using Grpc.Core;
using TradingCore.Engine.Loop;
using TradingCore.Grpc.Validation;
using TradingCore.Mapping;
using TradingCore.Security;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Grpc;

internal sealed partial class AdminService
{
    public override async Task<Wire.IssueApiKeyResponse> IssueApiKey(Wire.IssueApiKeyRequest request, ServerCallContext context)
    {
        var (name, roles, accounts) = KeyRequests.Issue(request);
        if (accounts.Select(id => (Id: id, Owner: placement.ForeignOwner(id))).FirstOrDefault(pair => pair.Owner is not null) is { Owner: { } owner } foreign)
        {
            // Keys are per instance: a key for another instance's account is issued there.
            throw new RpcException(new Status(StatusCode.FailedPrecondition, Hosting.AccountPlacement.Elsewhere(foreign.Id, owner)));
        }

        var missing = await engine.QueryAsync((core, _) => accounts.Where(id => !core.HasAccount(id)).ToList(), context.CancellationToken);
        if (missing.Count > 0)
        {
            throw FieldErrors.Single("account_ids", $"no such account: {string.Join(", ", missing)}");
        }

        var (key, secret) = keys.Issue(name, roles, accounts);
        var wire = ApiKeyMapper.ToProto(key);
        audit.Write(Caller.Of(context).KeyId, nameof(IssueApiKey), $"key:{key.KeyId}", null, wire);
        return new Wire.IssueApiKeyResponse { Key = wire, Secret = secret };
    }

    public override Task<Wire.ListApiKeysResponse> ListApiKeys(Wire.ListApiKeysRequest request, ServerCallContext context)
    {
        var response = new Wire.ListApiKeysResponse();
        response.Keys.AddRange(keys.List().Select(ApiKeyMapper.ToProto));
        return Task.FromResult(response);
    }

    public override Task<Wire.RevokeApiKeyResponse> RevokeApiKey(Wire.RevokeApiKeyRequest request, ServerCallContext context)
    {
        var keyId = KeyRequests.KeyId(request.KeyId);
        var before = keys.Get(keyId) ?? throw Outcomes.NotFound($"no API key {keyId}");
        var revoked = keys.Revoke(keyId)!;
        var wire = ApiKeyMapper.ToProto(revoked);
        audit.Write(Caller.Of(context).KeyId, nameof(RevokeApiKey), $"key:{keyId}", ApiKeyMapper.ToProto(before), wire);
        return Task.FromResult(new Wire.RevokeApiKeyResponse { Key = wire });
    }
}
