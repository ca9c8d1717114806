using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace TradingCore.Tcctl;

/// <summary>
/// Decimal arguments and options that say what is wrong in the user's terms ("volume: 'abc' is not a number, e.g.
/// 0.10") instead of System.CommandLine's "as expected type 'System.Decimal'". Invariant culture, plain notation.
/// </summary>
internal static class DecimalValues
{
    public static Argument<decimal> Argument(string name, string description, string example) =>
        new(name) { Description = description, CustomParser = result => Parse(result, name, example) ?? 0m };

    public static Option<decimal> Option(string name, string description, string example) =>
        new(name) { Description = description, CustomParser = result => Parse(result, name.TrimStart('-'), example) ?? 0m };

    public static Option<decimal?> OptionalOption(string name, string description, string example) =>
        new(name) { Description = description, CustomParser = result => Parse(result, name.TrimStart('-'), example) };

    private static decimal? Parse(ArgumentResult result, string name, string example)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        result.AddError($"{name}: '{text}' is not a number (write it like {example}, with a '.' for decimals)");
        return null;
    }
}
