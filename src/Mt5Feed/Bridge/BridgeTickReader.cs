using System.Text.Json;

namespace TradingCore.Mt5Feed.Bridge;

/// <summary>
/// The fast path for the frame a terminal sends most: a well-formed tick of a symbol it announced, read in one
/// <see cref="Utf8JsonReader"/> pass without allocating anything but the resulting <see cref="BridgeTick"/>.
/// It answers only what it can answer exactly as <see cref="BridgeFrameParser"/> would: anything else (another
/// type, a missing, repeated, escaped or invalid field, a value out of range, a symbol not announced) returns false
/// and the frame goes through the general parser, which accepts it or names the problem. Under a tick flood the
/// general parser's dictionaries and strings were most of the ingress cost and most of the garbage.
/// </summary>
public static class BridgeTickReader
{
    private const long EarliestTimeMsc = 946_684_800_000;
    private const int MaxDigits = 18; // fits a ulong: no rounding, the value is exactly decimal.Parse's

    [Flags]
    private enum Seen
    {
        None = 0,
        Type = 1,
        Symbol = 2,
        Time = 4,
        Bid = 8,
        Ask = 16,
        Last = 32,
        Volume = 64,
        Flags = 128,
        All = 255,
    }

    /// <summary>Reads a tick frame; false when the general parser must decide.</summary>
    /// <param name="line">One frame without its newline.</param>
    /// <param name="symbols">The symbols announced on this connection, with their names in UTF-8.</param>
    /// <param name="tick">The tick, when true.</param>
    public static bool TryRead(ReadOnlySpan<byte> line, IReadOnlyList<KeyValuePair<byte[], string>> symbols, out BridgeTickValue tick)
    {
        tick = default;
        try
        {
            return TryReadCore(line, symbols, out tick);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool TryReadCore(ReadOnlySpan<byte> line, IReadOnlyList<KeyValuePair<byte[], string>> symbols, out BridgeTickValue tick)
    {
        tick = default;
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 4 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var seen = Seen.None;
        string? symbol = null;
        long time = 0, volume = 0, flags = 0;
        decimal bid = 0, ask = 0, last = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var field = Field(ref reader);
            reader.Read();
            if (field != Seen.None && (seen & field) != 0)
            {
                return false; // a repeated field: the general parser keeps the last one
            }

            seen |= field;
            var ok = field switch
            {
                Seen.Type => reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && reader.ValueTextEquals("tick"u8),
                Seen.Symbol => (symbol = Symbol(ref reader, symbols)) is not null,
                Seen.Time => reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out time) && time >= EarliestTimeMsc,
                Seen.Bid => TryDecimal(ref reader, out bid) && bid > 0m,
                Seen.Ask => TryDecimal(ref reader, out ask) && ask > 0m,
                Seen.Last => TryDecimal(ref reader, out last),
                Seen.Volume => reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out volume) && volume >= 0,
                Seen.Flags => reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out flags) && flags is >= 0 and <= uint.MaxValue,
                _ => Skip(ref reader),
            };
            if (!ok)
            {
                return false;
            }
        }

        if (seen != Seen.All || reader.Read() || ask < bid)
        {
            return false;
        }

        tick = new BridgeTickValue(symbol!, time, bid, ask, last, volume, (uint)flags);
        return true;
    }

    private static Seen Field(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("type"u8) ? Seen.Type
        : reader.ValueTextEquals("symbol"u8) ? Seen.Symbol
        : reader.ValueTextEquals("time_msc"u8) ? Seen.Time
        : reader.ValueTextEquals("bid"u8) ? Seen.Bid
        : reader.ValueTextEquals("ask"u8) ? Seen.Ask
        : reader.ValueTextEquals("last"u8) ? Seen.Last
        : reader.ValueTextEquals("volume"u8) ? Seen.Volume
        : reader.ValueTextEquals("flags"u8) ? Seen.Flags
        : Seen.None;

    /// <summary>Unknown fields are ignored, as the general parser does (nested values skipped whole).</summary>
    private static bool Skip(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            reader.Skip();
        }

        return true;
    }

    private static string? Symbol(ref Utf8JsonReader reader, IReadOnlyList<KeyValuePair<byte[], string>> symbols)
    {
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return null;
        }

        var value = reader.ValueSpan;
        for (var index = 0; index < symbols.Count; index++)
        {
            if (value.SequenceEqual(symbols[index].Key))
            {
                return symbols[index].Value;
            }
        }

        return null;
    }

    /// <summary>A non-negative decimal string in plain notation ("1.08412"), at most 18 digits; anything else goes the general way.</summary>
    private static bool TryDecimal(ref Utf8JsonReader reader, out decimal value)
    {
        value = 0m;
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return false;
        }

        var text = reader.ValueSpan;
        ulong digits = 0;
        var count = 0;
        var scale = -1;
        foreach (var character in text)
        {
            if (character == (byte)'.')
            {
                if (scale >= 0)
                {
                    return false;
                }

                scale = 0;
                continue;
            }

            if (character is < (byte)'0' or > (byte)'9' || ++count > MaxDigits)
            {
                return false;
            }

            digits = (digits * 10) + (ulong)(character - '0');
            if (scale >= 0)
            {
                scale++;
            }
        }

        if (count == 0)
        {
            return false;
        }

        value = new decimal((int)(uint)digits, (int)(uint)(digits >> 32), 0, isNegative: false, (byte)Math.Max(scale, 0));
        return true;
    }
}
