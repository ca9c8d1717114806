using System.Text;
using System.Text.Json;

namespace TradingCore.Mt5Feed.Bridge;

/// <summary>
/// The frames the core sends a terminal (docs/mt5-bridge-protocol.md), each one line of UTF-8 JSON ending in a
/// newline: <c>welcome</c> (the protocol version and where to resume each symbol) and <c>error</c> (why the
/// connection is closed).
/// </summary>
internal static class BridgeOutgoing
{
    /// <summary>The handshake's answer: this core's protocol version and the last tick time it holds per symbol.</summary>
    public static byte[] Welcome(Dictionary<string, long> resume) =>
        Line(new Dictionary<string, object> { ["type"] = "welcome", ["v"] = BridgeFrameParser.Version, ["resume"] = resume });

    /// <summary>The last frame of a refused connection: what was wrong.</summary>
    public static byte[] Error(string reason) =>
        Line(new Dictionary<string, object> { ["type"] = "error", ["reason"] = reason });

    private static byte[] Line(Dictionary<string, object> frame) => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(frame) + "\n");
}
