using System.Globalization;

namespace TradingCore.Persistence;

/// <summary>
/// A decimal as Microsoft.Data.Sqlite stores it: text in the custom format <see cref="Format"/> (at least one
/// decimal place, trailing zeros dropped, no exponent, exact). Formatting through a custom format string cost about
/// 1% of a durable order's CPU in the projection's bindings, so the usual case (a value whose unscaled digits fit 63
/// bits, scale ≤ 19, not a negative zero) is written directly; every other value goes through the format string.
/// Both give the same text (<c>DecimalTextTests</c>).
/// </summary>
internal static class DecimalText
{
    /// <summary>Microsoft.Data.Sqlite's decimal text format.</summary>
    public const string Format = "0.0###########################";

    private static readonly ulong[] PowersOfTen = [.. Enumerable.Range(0, 20).Select(power => (ulong)Math.Pow(10, power))];

    /// <summary>Writes <paramref name="value"/> as UTF-8; false when <paramref name="destination"/> is too short.</summary>
    public static bool TryWrite(decimal value, Span<byte> destination, out int written)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var scale = (bits[3] >> 16) & 0xFF;
        var unscaled = ((ulong)(uint)bits[1] << 32) | (uint)bits[0];
        // (A negative zero keeps the format string's own answer.)
        if (bits[2] != 0 || (unscaled == 0 && bits[3] < 0) || unscaled > long.MaxValue || scale >= PowersOfTen.Length)
        {
            return value.TryFormat(destination, out written, Format, CultureInfo.InvariantCulture);
        }

        var integer = unscaled / PowersOfTen[scale];
        var fraction = unscaled % PowersOfTen[scale];
        var digits = scale;
        while (fraction != 0 && fraction % 10 == 0)
        {
            fraction /= 10;
            digits--;
        }

        if (fraction == 0)
        {
            digits = 1;
        }

        written = 0;
        if (value < 0)
        {
            if (destination.IsEmpty)
            {
                return false;
            }

            destination[written++] = (byte)'-';
        }

        if (!integer.TryFormat(destination[written..], out var integerLength, default, CultureInfo.InvariantCulture) || destination.Length < written + integerLength + 1 + digits)
        {
            written = 0;
            return false;
        }

        written += integerLength;
        destination[written++] = (byte)'.';
        for (var position = written + digits - 1; position >= written; position--)
        {
            destination[position] = (byte)('0' + (int)(fraction % 10));
            fraction /= 10;
        }

        written += digits;
        return true;
    }
}
