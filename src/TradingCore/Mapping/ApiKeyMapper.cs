using TradingCore.Security;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Mapping;

/// <summary>An API key's record as Admin shows it (never its secret or hash).</summary>
internal static class ApiKeyMapper
{
    public static Wire.ApiKey ToProto(ApiKeyRecord key)
    {
        var wire = new Wire.ApiKey { KeyId = key.KeyId, Name = key.Name, CreatedMs = key.CreatedMs, RevokedMs = key.RevokedMs };
        wire.Roles.AddRange(key.Roles.Select(RoleNames.ToWire));
        wire.AccountIds.AddRange(key.AccountIds);
        return wire;
    }
}
