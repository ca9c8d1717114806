using System.Globalization;
using System.Reflection;
using Google.Protobuf.Reflection;

namespace TradingCore.Contracts.V1;

/// <summary>
/// How people read the contract's enums and times, the same in every human surface (tcctl, the samples, exception
/// messages): an enum value is its protobuf name without the type's prefix (<c>ORDER_TYPE_BUY_LIMIT</c> reads
/// <c>BUY_LIMIT</c>, <c>ROLE_TRADER</c> reads <c>TRADER</c>, <c>TIMEFRAME_H1</c> reads <c>H1</c>); a time is ISO-8601
/// UTC with milliseconds (<c>2026-12-05T13:22:16.000Z</c>). Machine output stays protobuf JSON (full enum names,
/// epoch milliseconds). <see cref="TryParse{TEnum}"/> reads any of the spellings people type.
/// </summary>
public static class ContractNames
{
    /// <summary>The value's protobuf name without its type's prefix, e.g. <c>BUY_LIMIT</c>; the number for an unknown value.</summary>
    public static string Short<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var full = ProtoName(value);
        var prefix = Prefix<TEnum>();
        return full.StartsWith(prefix, StringComparison.Ordinal) && full.Length > prefix.Length ? full[prefix.Length..] : full;
    }

    /// <summary>Every value but UNSPECIFIED, as <see cref="Short{TEnum}"/> writes them, e.g. for help texts.</summary>
    public static IReadOnlyList<string> Values<TEnum>()
        where TEnum : struct, Enum =>
        [.. Enum.GetValues<TEnum>().Where(value => Convert.ToInt32(value, CultureInfo.InvariantCulture) != 0).Select(Short)];

    /// <summary>
    /// Reads a value as people type it, in any case: the short name (<c>buy_limit</c>, <c>BUY-LIMIT</c>), the full
    /// protobuf name (<c>ORDER_TYPE_BUY_LIMIT</c>) or the C# name (<c>BuyLimit</c>). UNSPECIFIED is never read.
    /// </summary>
    public static bool TryParse<TEnum>(string? text, out TEnum value)
        where TEnum : struct, Enum
    {
        var wanted = Squash(text ?? "");
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (Convert.ToInt32(candidate, CultureInfo.InvariantCulture) != 0
                && (Squash(Short(candidate)) == wanted || Squash(ProtoName(candidate)) == wanted || Squash(candidate.ToString()) == wanted))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>An epoch-millisecond time as ISO-8601 UTC with milliseconds; empty for 0 (not set).</summary>
    public static string Time(long epochMs) =>
        epochMs == 0 ? "" : DateTimeOffset.FromUnixTimeMilliseconds(epochMs).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string ProtoName<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        typeof(TEnum).GetField(value.ToString())?.GetCustomAttribute<OriginalNameAttribute>()?.Name
        ?? value.ToString();

    /// <summary>"ORDER_TYPE_" for OrderType: the C# type name in upper snake case, as protoc prefixes the values.</summary>
    private static string Prefix<TEnum>() =>
        string.Concat(typeof(TEnum).Name.Select((character, index) => index > 0 && char.IsUpper(character) ? "_" + character : character.ToString())).ToUpperInvariant() + "_";

    private static string Squash(string text) =>
        new([.. text.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant)]);
}
