using Grpc.Core;
using TradingCore.Engine.Loop;
using TradingCore.Grpc.Validation;
using TradingCore.Security;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Grpc;

internal sealed partial class AdminService
{
    private const int MaxAccountsPerKey = 256;

    public override async Task<Wire.IssueApiKeyResponse> IssueApiKey(Wire.IssueApiKeyRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors();
        var name = Name(request.Name, errors);
        var roles = new List<string>();
        foreach (var role in request.Roles)
        {
            if (RoleNames.FromWire(role) is { } known)
            {
                roles.Add(known);
            }
            else
            {
                errors.Add("roles", $"unknown role {(int)role}");
            }
        }

        if (request.Roles.Count == 0)
        {
            errors.Add("roles", "at least one role is required");
        }

        var accounts = request.AccountIds.Distinct().ToList();
        if (accounts.Any(id => id <= 0) || accounts.Count > MaxAccountsPerKey)
        {
            errors.Add("account_ids", $"must be positive account numbers, at most {MaxAccountsPerKey}");
        }

        if (roles.Any(role => role != Role.Admin) && accounts.Count == 0)
        {
            errors.Add("account_ids", "viewer and trader keys need at least one account");
        }

        errors.ThrowIfAny();
        var missing = await engine.QueryAsync((core, _) => accounts.Where(id => !core.HasAccount(id)).ToList(), context.CancellationToken);
        if (missing.Count > 0)
        {
            throw FieldErrors.Single("account_ids", $"no such account: {string.Join(", ", missing)}");
        }

        var (key, secret) = keys.Issue(name, [.. roles.Distinct()], accounts);
        var wire = ToWire(key);
        audit.Write(Caller.Of(context).KeyId, nameof(IssueApiKey), $"key:{key.KeyId}", null, wire);
        return new Wire.IssueApiKeyResponse { Key = wire, Secret = secret };
    }

    public override Task<Wire.ListApiKeysResponse> ListApiKeys(Wire.ListApiKeysRequest request, ServerCallContext context)
    {
        var response = new Wire.ListApiKeysResponse();
        response.Keys.AddRange(keys.List().Select(ToWire));
        return Task.FromResult(response);
    }

    public override Task<Wire.RevokeApiKeyResponse> RevokeApiKey(Wire.RevokeApiKeyRequest request, ServerCallContext context)
    {
        if (string.IsNullOrEmpty(request.KeyId) || request.KeyId.Length > 32)
        {
            throw FieldErrors.Single("key_id", "is required (at most 32 characters)");
        }

        var before = keys.Get(request.KeyId) ?? throw Outcomes.NotFound($"no API key {request.KeyId}");
        var revoked = keys.Revoke(request.KeyId)!;
        var wire = ToWire(revoked);
        audit.Write(Caller.Of(context).KeyId, nameof(RevokeApiKey), $"key:{request.KeyId}", ToWire(before), wire);
        return Task.FromResult(new Wire.RevokeApiKeyResponse { Key = wire });
    }

    private static Wire.ApiKey ToWire(ApiKeyRecord key)
    {
        var wire = new Wire.ApiKey { KeyId = key.KeyId, Name = key.Name, CreatedMs = key.CreatedMs, RevokedMs = key.RevokedMs };
        wire.Roles.AddRange(key.Roles.Select(RoleNames.ToWire));
        wire.AccountIds.AddRange(key.AccountIds);
        return wire;
    }
}
