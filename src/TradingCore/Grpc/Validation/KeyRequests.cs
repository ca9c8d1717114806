using TradingCore.Security;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Grpc.Validation;

/// <summary>Validates Admin's API key requests at the edge; whether the named accounts exist is asked of the engine.</summary>
internal static class KeyRequests
{
    private const int MaxAccountsPerKey = 256;
    private const int MaxKeyIdLength = 32;

    /// <summary>A key to issue: its name, its distinct roles and its distinct accounts.</summary>
    public static (string Name, List<string> Roles, List<long> Accounts) Issue(Wire.IssueApiKeyRequest request)
    {
        var errors = new FieldErrors();
        var name = AccountRequests.Name(request.Name, errors);
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
        return (name, [.. roles.Distinct()], accounts);
    }

    /// <summary>The key id a revocation names.</summary>
    public static string KeyId(string keyId) =>
        !string.IsNullOrEmpty(keyId) && keyId.Length <= MaxKeyIdLength
            ? keyId
            : throw FieldErrors.Single("key_id", $"is required (at most {MaxKeyIdLength} characters)");
}
