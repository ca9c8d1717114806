using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Security;

/// <summary>Between role claim values and the contract's Role enum.</summary>
internal static class RoleNames
{
    public static Wire.Role ToWire(string role) => role switch
    {
        Role.Viewer => Wire.Role.Viewer,
        Role.Trader => Wire.Role.Trader,
        Role.Admin => Wire.Role.Admin,
        _ => Wire.Role.Unspecified,
    };

    public static string? FromWire(Wire.Role role) => role switch
    {
        Wire.Role.Viewer => Role.Viewer,
        Wire.Role.Trader => Role.Trader,
        Wire.Role.Admin => Role.Admin,
        _ => null,
    };
}
