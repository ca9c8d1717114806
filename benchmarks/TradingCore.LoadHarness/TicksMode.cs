using System.Globalization;

namespace TradingCore.LoadHarness;

/// <summary>The drive command's <c>ticks:S@P</c> mode: S tick subscribers, the harness feeding ticks on bridge port P.</summary>
internal sealed record TicksMode(int Subscribers, int BridgePort)
{
    public static TicksMode? Parse(string? mode)
    {
        if (mode is null || !mode.StartsWith("ticks:", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = mode[6..].Split('@');
        return parts.Length == 2
            && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var subscribers) && subscribers > 0
            && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? new TicksMode(subscribers, port)
            : null;
    }
}
