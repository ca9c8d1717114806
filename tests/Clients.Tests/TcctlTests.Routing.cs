using TradingCore.Testing;

namespace TradingCore.Client.Tests;

/// <summary>tcctl against an MT5-routed account (docs/mt5-routing.md): its venue and MT5's tickets in the listings.</summary>
public sealed partial class TcctlTests
{
    [Fact]
    public async Task A_routed_account_shows_its_venue_and_MT5s_tickets()
    {
        using var data = new TempDirectory();
        int bridgePort;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            bridgePort = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }

        await using var server = await KestrelServer.StartAsync(data.Path, settings: new Dictionary<string, string>
        {
            ["TradingCore:Feed:Kind"] = "Bridge",
            ["TradingCore:Feed:Bridge:Listen"] = $"127.0.0.1:{bridgePort}",
            ["TradingCore:Feed:Bridge:Terminals:0:Login"] = "5012345",
            ["TradingCore:Feed:Bridge:Terminals:0:Secret"] = FakeTerminal.Secret,
            ["TradingCore:AccountControl:1001:Mt5Login"] = "5012345",
        });
        var cli = new Cli(data.Path, server);
        FakeTradeServer? mt5 = null;
        await Eventually(async () =>
        {
            try
            {
                mt5 = await FakeTradeServer.ConnectAsync(bridgePort, 5012345);
                return true;
            }
            catch (System.Net.Sockets.SocketException)
            {
                return false;
            }
        });
        await using var terminal = mt5!;
        await Eventually(async () => (await cli.RunAsync("account")).Output.Contains("MT5 login 5012345, CONNECTED", StringComparison.Ordinal));

        // Accepted once the terminal's first quote is in (before it: PRICE_OFF, exit 4).
        await Eventually(async () => (await cli.RunAsync("order", "buy", "EURUSD", "0.1")).Exit == 0);
        await Eventually(async () => (await cli.RunAsync("deals")).Output.Contains("MT5 deal", StringComparison.Ordinal));
        var deals = await cli.RunAsync("deals");
        var orders = await cli.RunAsync("orders", "--history");
        var positions = await cli.RunAsync("positions");
        Assert.Contains("990001", deals.Output, StringComparison.Ordinal); // the fake trade server's first deal ticket
        Assert.Contains("MT5 order", orders.Output, StringComparison.Ordinal);
        Assert.Contains("MT5 position", positions.Output, StringComparison.Ordinal);
    }
}
