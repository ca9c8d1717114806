namespace TradingCore.Engine.Domain;

/// <summary>Exact decimal helpers used by validation and accounting. No floating point anywhere.</summary>
public static class DecimalMath
{
    private static readonly decimal[] NegativePowers =
    [
        1m, 0.1m, 0.01m, 0.001m, 0.0001m, 0.00001m, 0.000001m, 0.0000001m, 0.00000001m, 0.000000001m, 0.0000000001m,
    ];

    /// <summary>10^-digits for digits 0..10.</summary>
    public static decimal Pow10Negative(int digits) =>
        digits >= 0 && digits < NegativePowers.Length
            ? NegativePowers[digits]
            : throw new ArgumentOutOfRangeException(nameof(digits), digits, "digits must be 0..10");

    /// <summary>True when <paramref name="value"/> is an exact multiple of <paramref name="step"/>.</summary>
    public static bool IsMultipleOf(decimal value, decimal step) => step > 0m && decimal.Remainder(value, step) == 0m;

    /// <summary>Rounds money to the account currency's digits, half away from zero (as MT5 rounds deal profit).</summary>
    public static decimal RoundMoney(decimal value, int digits) => Math.Round(value, digits, MidpointRounding.AwayFromZero);

    /// <summary>Removes trailing zeros so equal values have one representation (1.50 and 1.5 print alike).</summary>
    public static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;

    /// <summary>The value as messages show it: invariant culture, no trailing zeros ("0.1", not "0.10").</summary>
    public static string Format(decimal value) => Normalize(value).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
