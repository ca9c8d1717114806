namespace TradingCore.Security;

/// <summary>
/// The one table that says who may call what. Every trading.v1 method is listed; methods of other services are
/// anonymous only for server reflection and health, and denied otherwise (deny by default).
/// </summary>
internal static class MethodPolicies
{
    private static readonly Dictionary<string, Access> Table = new(StringComparer.Ordinal)
    {
        ["/trading.v1.Auth/Login"] = Access.Anonymous,
        ["/trading.v1.Auth/RefreshToken"] = Access.Authenticated,

        ["/trading.v1.MarketData/ListSymbols"] = Access.Authenticated,
        ["/trading.v1.MarketData/GetSymbol"] = Access.Authenticated,
        ["/trading.v1.MarketData/GetLastTicks"] = Access.Authenticated,
        ["/trading.v1.MarketData/StreamTicks"] = Access.Authenticated,
        ["/trading.v1.MarketData/GetBars"] = Access.Authenticated,
        ["/trading.v1.MarketData/StreamBars"] = Access.Authenticated,

        ["/trading.v1.Accounts/GetAccount"] = Access.AccountRead,
        ["/trading.v1.Accounts/ListAccounts"] = Access.Authenticated,
        ["/trading.v1.Accounts/LocateAccount"] = Access.Anonymous,

        ["/trading.v1.Orders/SubmitOrder"] = Access.AccountTrade,
        ["/trading.v1.Orders/CheckOrder"] = Access.AccountTrade,
        ["/trading.v1.Orders/ModifyOrder"] = Access.AccountTrade,
        ["/trading.v1.Orders/CancelOrder"] = Access.AccountTrade,
        ["/trading.v1.Orders/GetOrder"] = Access.AccountRead,
        ["/trading.v1.Orders/ListOrders"] = Access.AccountRead,
        ["/trading.v1.Orders/ListDeals"] = Access.AccountRead,
        ["/trading.v1.Orders/StreamTradeEvents"] = Access.AccountRead,
        ["/trading.v1.Orders/TradeSession"] = Access.Trader,

        ["/trading.v1.Positions/ListPositions"] = Access.AccountRead,
        ["/trading.v1.Positions/GetPosition"] = Access.AccountRead,
        ["/trading.v1.Positions/ClosePosition"] = Access.AccountTrade,
        ["/trading.v1.Positions/ModifyPosition"] = Access.AccountTrade,
        ["/trading.v1.Positions/ClosePositionBy"] = Access.AccountTrade,

        // Backtests run on engines of their own, never on the caller's accounts: traders run them, each caller
        // sees its own runs (admins every run).
        ["/trading.v1.Backtests/Run"] = Access.Trader,
        ["/trading.v1.Backtests/ListBacktests"] = Access.Authenticated,
        ["/trading.v1.Backtests/GetBacktestReport"] = Access.Authenticated,
        ["/trading.v1.Backtests/CancelBacktest"] = Access.Authenticated,
    };

    /// <summary>Every method the table lists explicitly.</summary>
    public static IEnumerable<string> Listed => Table.Keys;

    public static Access For(string method)
    {
        if (Table.TryGetValue(method, out var access))
        {
            return access;
        }

        if (method.StartsWith("/trading.v1.Admin/", StringComparison.Ordinal))
        {
            return Access.Admin;
        }

        return method.StartsWith("/grpc.reflection.", StringComparison.Ordinal) || method.StartsWith("/grpc.health.v1.Health/", StringComparison.Ordinal)
            ? Access.Anonymous
            : Access.Denied;
    }
}
