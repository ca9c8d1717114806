using System.Buffers;

namespace TradingCore.Engine.Domain;

/// <summary>
/// The one rule for symbol names at every entry point (Admin API, MT5 bridge, replay, catalog): 1-32 characters of
/// A-Z a-z 0-9 and . _ # - + ! (MT5 broker suffixes such as "EURUSD.m", "#AAPL", "XAUUSD+" fit; spaces, markup,
/// path separators and control characters do not).
/// </summary>
public static class SymbolNames
{
    /// <summary>Longest symbol name, characters.</summary>
    public const int MaxLength = 32;

    /// <summary>The rule as users read it.</summary>
    public const string Rule = "must be 1-32 characters of A-Z a-z 0-9 . _ # - + !";

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._#-+!");

    /// <summary>True when <paramref name="name"/> follows the rule.</summary>
    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxLength && !name.AsSpan().ContainsAnyExcept(Allowed);
}
