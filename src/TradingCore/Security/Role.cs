namespace TradingCore.Security;

/// <summary>What an API key may do; names are the JWT role claim values.</summary>
internal static class Role
{
    /// <summary>Market data and read access to the key's accounts.</summary>
    public const string Viewer = "viewer";

    /// <summary>Viewer plus orders and positions on the key's accounts.</summary>
    public const string Trader = "trader";

    /// <summary>Administration and read access to every account; does not trade.</summary>
    public const string Admin = "admin";

    public static readonly string[] All = [Viewer, Trader, Admin];
}
