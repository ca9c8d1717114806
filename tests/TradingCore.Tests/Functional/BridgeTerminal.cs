using System.Globalization;
using System.Net;
using System.Net.Sockets;
using static TradingCore.Testing.Wire;

namespace TradingCore.Tests;

/// <summary>What the tests that drive the real bridge listener share: a free port, the settings, a connected fake terminal.</summary>
internal static class BridgeTerminal
{
    public const long Login = 5012345;

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Settings of a bridge feed on <paramref name="port"/> that admits the fake terminal's login.</summary>
    public static Dictionary<string, string> Settings(int port) => new()
    {
        ["TradingCore:Feed:Bridge:Listen"] = $"127.0.0.1:{port}",
        ["TradingCore:Feed:Bridge:Terminals:0:Login"] = Login.ToString(CultureInfo.InvariantCulture),
        ["TradingCore:Feed:Bridge:Terminals:0:Secret"] = FakeTerminal.Secret,
    };

    /// <summary>
    /// Connects (waiting for the listener), says hello and keeps the welcome in <see cref="FakeTerminal.LastWelcome"/>.
    /// Like an EA, it tries again while the core still holds the login's previous session (a reconnect right after a
    /// drop can arrive before the core noticed it).
    /// </summary>
    public static async Task<FakeTerminal> ConnectAsync(int port)
    {
        FakeTerminal? terminal = null;
        await Eventually(async () =>
        {
            try
            {
                terminal = await FakeTerminal.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
                await terminal.HelloAsync(Login);
                terminal.LastWelcome = await terminal.ReadAsync();
                if (terminal.LastWelcome is { } reply && reply.GetProperty("type").GetString() == "error"
                    && reply.GetProperty("reason").GetString()!.Contains("already connected", StringComparison.Ordinal))
                {
                    await terminal.DisposeAsync();
                    return false;
                }

                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        });
        Assert.Equal("welcome", terminal!.LastWelcome!.Value.GetProperty("type").GetString());
        return terminal;
    }
}
