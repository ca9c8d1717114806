using System.Globalization;
using System.Text;
using System.Text.Json;

namespace TradingCore.Mt5Feed.Bridge;

/// <summary>
/// The properties of one JSON line, read once with <see cref="Utf8JsonReader"/>: strings and numbers by name.
/// Typed accessors record the first problem (naming the field) instead of throwing.
/// </summary>
internal sealed class BridgeFields
{
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _integers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _present = new(StringComparer.Ordinal);

    public string? Error { get; private set; }

    public static BridgeFields? Read(ReadOnlySpan<byte> line, out string? error)
    {
        var fields = new BridgeFields();
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 4 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = "a line must be one JSON object";
                return null;
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var name = reader.GetString()!;
                reader.Read();
                fields._present.Add(name);
                switch (reader.TokenType)
                {
                    case JsonTokenType.String:
                        fields._strings[name] = reader.GetString()!;
                        break;
                    case JsonTokenType.Number when reader.TryGetInt64(out var number):
                        fields._integers[name] = number;
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        reader.Skip(); // unknown nested data is ignored
                        break;
                }
            }

            if (reader.Read())
            {
                error = "only one JSON object per line";
                return null;
            }
        }
        catch (JsonException exception)
        {
            error = $"invalid JSON: {exception.Message.Split('.')[0]}";
            return null;
        }

        error = null;
        return fields;
    }

    public string Text(string name, int maxLength = 64)
    {
        if (!_strings.TryGetValue(name, out var value))
        {
            Fail(name, "a string is required");
            return "";
        }

        if (value.Length > maxLength)
        {
            Fail(name, $"at most {maxLength} characters");
        }

        return value;
    }

    /// <summary>A string that may be absent (empty then); present with another JSON type is an error, never "absent".</summary>
    public string OptionalText(string name, int maxLength = 128) =>
        _strings.TryGetValue(name, out var value) ? (value.Length <= maxLength ? value : Fail(name, $"at most {maxLength} characters", ""))
        : _present.Contains(name) ? Fail(name, "a string is required", "")
        : "";

    public long Integer(string name, long min = long.MinValue, long max = long.MaxValue)
    {
        if (!_integers.TryGetValue(name, out var value))
        {
            return Fail(name, "an integer is required", 0L);
        }

        return value >= min && value <= max ? value : Fail(name, $"must be within {min}..{max}", 0L);
    }

    /// <summary>A decimal written as a JSON string ("1.08412"); plain notation only.</summary>
    public decimal Decimal(string name, bool positive = false)
    {
        if (!_strings.TryGetValue(name, out var text))
        {
            return Fail(name, "a decimal string is required", 0m);
        }

        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return Fail(name, $"'{Truncate(text)}' is not a decimal", 0m);
        }

        if (value < 0m || (positive && value == 0m))
        {
            return Fail(name, positive ? "must be positive" : "must not be negative", 0m);
        }

        return value;
    }

    /// <summary>Whether the line has the property.</summary>
    public bool Has(string name) => _present.Contains(name);

    /// <summary>A decimal that may be negative or absent (null then), plain notation ("-7.2").</summary>
    public decimal? OptionalSignedDecimal(string name)
    {
        if (!_present.Contains(name))
        {
            return null;
        }

        if (!_strings.TryGetValue(name, out var text) || !decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return Fail(name, "a decimal string is required", 0m);
        }

        return value;
    }

    /// <summary>A decimal that may be absent (an older terminal's EA does not send it): null then.</summary>
    public decimal? OptionalDecimal(string name) => _present.Contains(name) ? Decimal(name) : null;

    /// <summary>An MT5 boolean property sent as 0 or 1; absent is false.</summary>
    public bool OptionalFlag(string name) => _present.Contains(name) && Integer(name, 0, 1) == 1;

    /// <summary>Records a problem found by the caller (the first problem wins).</summary>
    public void Reject(string name, string problem) => Fail(name, problem, 0);

    private T Fail<T>(string name, string problem, T fallback)
    {
        Error ??= $"{name}: {problem}";
        return fallback;
    }

    private void Fail(string name, string problem) => Fail(name, problem, 0);

    private static string Truncate(string text) => text.Length <= 32 ? text : text[..32] + "...";
}
