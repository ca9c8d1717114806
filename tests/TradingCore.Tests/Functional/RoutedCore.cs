using System.Globalization;
using TradingCore.Contracts.V1;
using TradingCore.Testing;
using static TradingCore.Testing.Wire;

namespace TradingCore.Tests;

/// <summary>
/// What the end-to-end tests of MT5 routing share: an in-process core whose demo account is routed to the fake
/// terminal's login (by configuration), a connected fake MT5 terminal, and reads of the routed account.
/// </summary>
internal static class RoutedCore
{
    public const long Login = BridgeTerminal.Login;
    public const long Account = CoreServer.DemoAccount;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A core with the bridge feed whose demo account is routed to <see cref="Login"/>, and the bridge's port.</summary>
    public static async Task<(CoreServer Server, int Port)> StartAsync(TempDirectory data, IReadOnlyDictionary<string, string>? extra = null)
    {
        var port = BridgeTerminal.FreePort();
        var settings = BridgeTerminal.Settings(port);
        settings[$"TradingCore:AccountControl:{Account}:Mt5Login"] = Login.ToString(CultureInfo.InvariantCulture);
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        var server = new CoreServer(data.Path, feed: "Bridge", settings: settings);
        await Eventually(async () => (await AccountAsync(server)).Venue == AccountVenue.Mt5);
        return (server, port);
    }

    /// <summary>Connects the fake terminal of <paramref name="account"/>, waits for the link and the first quote.</summary>
    public static async Task<FakeTradeServer> ConnectAsync(CoreServer server, int port, FakeMt5Account account)
    {
        var mt5 = await FakeTradeServer.ConnectAsync(port, Login, account);
        await Eventually(async () => (await AccountAsync(server)).VenueState == VenueState.Connected);
        await Eventually(async () => (await server.MarketData.GetLastTicksAsync(new GetLastTicksRequest { Symbols = { "EURUSD" } }, cancellationToken: Token)).Ticks.Count == 1);
        return mt5;
    }

    public static async Task<Account> AccountAsync(CoreServer server) =>
        (await server.Accounts.GetAccountAsync(new GetAccountRequest { AccountId = Account }, cancellationToken: Token)).Account;

    public static async Task<Order> OrderAsync(CoreServer server, string clientOrderId) =>
        (await server.Orders.GetOrderAsync(new GetOrderRequest { AccountId = Account, ClientOrderId = clientOrderId }, cancellationToken: Token)).Order;

    /// <summary>The order once it is in <paramref name="state"/>.</summary>
    public static async Task<Order> WhenAsync(CoreServer server, string clientOrderId, OrderState state)
    {
        await Eventually(async () => (await OrderAsync(server, clientOrderId)).State == state);
        return await OrderAsync(server, clientOrderId);
    }
}
