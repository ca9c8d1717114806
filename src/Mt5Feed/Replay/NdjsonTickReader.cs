using System.Globalization;
using System.Text.Json;
using TradingCore.Engine.Domain;

namespace TradingCore.Mt5Feed.Replay;

/// <summary>
/// Reads NDJSON tick recordings: one JSON object per line, `tick` lines with `time_ms` or `time_msc` (server time),
/// `bid`, `ask` (decimal strings), optional `last`, `volume`, `flags`, `symbol`; an optional `hello` line names the
/// `symbol` and `server_utc_offset_s`. Other line types (`bye`, `heartbeat`, `symbol`) are skipped. This reads the
/// bridge protocol's own tick lines, so a recorded bridge session replays as is.
/// </summary>
public static class NdjsonTickReader
{
    /// <summary>Reads the ticks; <paramref name="symbol"/> and <paramref name="serverUtcOffsetSeconds"/> apply where the file does not say.</summary>
    public static IEnumerable<Tick> Read(TextReader reader, string? symbol, int? serverUtcOffsetSeconds)
    {
        var lineNumber = 0;
        var offsetMs = (serverUtcOffsetSeconds ?? 0) * 1000L;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.AsSpan().IsWhiteSpace())
            {
                continue;
            }

            JsonElement root;
            try
            {
                using var document = JsonDocument.Parse(line);
                root = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                throw new Mt5FormatException($"line {lineNumber}: not a JSON object");
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new Mt5FormatException($"line {lineNumber}: not a JSON object");
            }

            var type = root.TryGetProperty("type", out var typeElement) ? (typeElement.ValueKind == JsonValueKind.String ? typeElement.GetString() : null) : "tick";
            if (type == "hello")
            {
                symbol ??= root.TryGetProperty("symbol", out var named) ? Name(named, lineNumber) : null;
                if (serverUtcOffsetSeconds is null && root.TryGetProperty("server_utc_offset_s", out var offset))
                {
                    offsetMs = Integer(offset, "server_utc_offset_s", lineNumber, -86_400, 86_400) * 1000L;
                }

                continue;
            }

            if (type != "tick")
            {
                continue;
            }

            var tickSymbol = root.TryGetProperty("symbol", out var own) ? Name(own, lineNumber) : symbol;
            if (string.IsNullOrEmpty(tickSymbol))
            {
                throw new Mt5FormatException($"line {lineNumber}: no symbol (set TradingCore:Feed:Replay:Symbol or record a hello line)");
            }

            var time = root.TryGetProperty("time_msc", out var msc) ? msc : root.TryGetProperty("time_ms", out var ms) ? ms : default;
            if (time.ValueKind != JsonValueKind.Number)
            {
                throw new Mt5FormatException($"line {lineNumber}: time_ms (or time_msc) is required");
            }

            var bid = Price(root, "bid", lineNumber, required: true);
            var ask = Price(root, "ask", lineNumber, required: true);
            var flags = root.TryGetProperty("flags", out var flagsElement) ? (uint)Integer(flagsElement, "flags", lineNumber, 0, uint.MaxValue) : Tick.FlagBid | Tick.FlagAsk;
            var volume = root.TryGetProperty("volume", out var volumeElement) && volumeElement.ValueKind == JsonValueKind.Number
                ? (volumeElement.TryGetDecimal(out var traded) ? traded : throw new Mt5FormatException($"line {lineNumber}: volume is not a decimal"))
                : 0m;
            var tick = new Tick(tickSymbol, Integer(time, "time_ms", lineNumber, long.MinValue, long.MaxValue) - offsetMs, bid, ask, Price(root, "last", lineNumber, required: false), volume, flags);
            if (TickRules.Check(tick) is var rejection and not TickRejection.None)
            {
                throw new Mt5FormatException($"line {lineNumber}: {TickRules.Describe(rejection)}");
            }

            yield return tick;
        }
    }

    private static string Name(JsonElement element, int lineNumber) =>
        element.ValueKind == JsonValueKind.String && element.GetString() is { } name && SymbolNames.IsValid(name)
            ? name
            : throw new Mt5FormatException($"line {lineNumber}: symbol {SymbolNames.Rule}");

    private static long Integer(JsonElement element, string name, int lineNumber, long min, long max) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var value) && value >= min && value <= max
            ? value
            : throw new Mt5FormatException($"line {lineNumber}: {name} must be an integer from {min} to {max}");

    private static decimal Price(JsonElement root, string name, int lineNumber, bool required)
    {
        if (!root.TryGetProperty(name, out var element))
        {
            return required ? throw new Mt5FormatException($"line {lineNumber}: {name} is required") : 0m;
        }

        var text = element.ValueKind == JsonValueKind.String ? element.GetString() : element.GetRawText();
        return decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new Mt5FormatException($"line {lineNumber}: {name} is not a decimal");
    }
}
