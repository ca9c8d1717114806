namespace TradingCore.Persistence.Entities;

/// <summary>Row of table api_keys: an API key with its secret's salted hash (never the secret).</summary>
internal sealed class ApiKeyEntity
{
    public string KeyId { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>Comma-separated roles: viewer, trader, admin.</summary>
    public string Roles { get; set; } = "";

    /// <summary>Comma-separated account ids the key is bound to.</summary>
    public string AccountIds { get; set; } = "";

    public string SecretHash { get; set; } = "";

    public long CreatedMs { get; set; }

    /// <summary>0 while active.</summary>
    public long RevokedMs { get; set; }
}
