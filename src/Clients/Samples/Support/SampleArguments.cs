using System.Globalization;

namespace TradingCore.Samples;

/// <summary>"--name value" pairs, with typed getters that say which argument is wrong.</summary>
public sealed class SampleArguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Parses <c>--name value</c> pairs.</summary>
    public SampleArguments(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        for (var index = 0; index < args.Count; index++)
        {
            if (!args[index].StartsWith("--", StringComparison.Ordinal) || index + 1 >= args.Count)
            {
                throw new ArgumentException($"expected --name value pairs, got '{args[index]}'");
            }

            _values[args[index][2..]] = args[++index];
        }
    }

    /// <summary>A required text option.</summary>
    public string? Text(string name) => _values.GetValueOrDefault(name);

    /// <summary>A text option with a default.</summary>
    public string Text(string name, string fallback) => Text(name) ?? fallback;

    /// <summary>An integer option with a default.</summary>
    public int Int(string name, int fallback) => Text(name) is { } text
        ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : throw new ArgumentException($"--{name}: '{text}' is not a whole number")
        : fallback;

    /// <summary>A required integer option.</summary>
    public long? Long(string name) => Text(name) is { } text
        ? long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : throw new ArgumentException($"--{name}: '{text}' is not a whole number")
        : null;

    /// <summary>A decimal option with a default.</summary>
    public decimal Decimal(string name, decimal fallback) => Text(name) is { } text
        ? decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : throw new ArgumentException($"--{name}: '{text}' is not a number")
        : fallback;
}
