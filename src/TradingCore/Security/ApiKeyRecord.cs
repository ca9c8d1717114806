namespace TradingCore.Security;

/// <summary>An API key as the registry holds it. Immutable; a revocation replaces the record.</summary>
internal sealed record ApiKeyRecord(
    string KeyId,
    string Name,
    IReadOnlyList<string> Roles,
    IReadOnlyList<long> AccountIds,
    string SecretHash,
    long CreatedMs,
    long RevokedMs)
{
    public bool IsActive => RevokedMs == 0;
}
