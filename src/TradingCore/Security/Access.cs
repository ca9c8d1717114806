namespace TradingCore.Security;

/// <summary>What a gRPC method requires of its caller.</summary>
internal enum Access
{
    /// <summary>Nothing: login, server reflection, health.</summary>
    Anonymous,

    /// <summary>Any valid access token (market data, listing one's own accounts, token refresh).</summary>
    Authenticated,

    /// <summary>Read access to the request's account: its key is bound to it (viewer, trader), or admin.</summary>
    AccountRead,

    /// <summary>Trade access to the request's account: a trader key bound to it.</summary>
    AccountTrade,

    /// <summary>A trader key; the account is checked by the method itself (the trade session's open message).</summary>
    Trader,

    /// <summary>An admin key.</summary>
    Admin,

    /// <summary>Not in the policy table: refused for everyone.</summary>
    Denied,
}
