namespace TradingCore.Contracts.V1;

// A hand-written file of this assembly (with ContractNames.cs): exact conversion between the wire Decimal and System.Decimal.
// It lives beside the generated type so the server and every C# client convert identically.

/// <summary>Exact conversions between <see cref="Decimal"/> (units + nanos) and <see cref="decimal"/>.</summary>
public sealed partial class Decimal
{
    /// <summary>Nanos per unit.</summary>
    public const int NanosPerUnit = 1_000_000_000;

    private const decimal NanoFactor = NanosPerUnit;

    /// <summary>
    /// Converts a decimal with at most 9 fractional digits exactly; further digits are rounded half away from
    /// zero. Throws <see cref="OverflowException"/> beyond the int64 range of <see cref="Units"/>.
    /// </summary>
    public static Decimal FromDecimal(decimal value)
    {
        // Prices, volumes and money have at most 9 decimals and fit 64 bits: split the integer mantissa, no decimal
        // arithmetic (the server converts ~25 values per order). Anything else takes the general path below.
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var scale = (bits[3] >> 16) & 0xFF;
        if (bits[2] == 0 && scale <= 9)
        {
            var mantissa = ((ulong)(uint)bits[1] << 32) | (uint)bits[0];
            var unit = Powers[scale];
            var whole = mantissa / unit;
            if (whole <= long.MaxValue)
            {
                var fraction = (long)((mantissa - (whole * unit)) * Powers[9 - scale]);
                return bits[3] < 0
                    ? new Decimal { Units = -(long)whole, Nanos = -(int)fraction }
                    : new Decimal { Units = (long)whole, Nanos = (int)fraction };
            }
        }

        return FromDecimalRounded(value);
    }

    private static readonly ulong[] Powers = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000];

    /// <summary>The general conversion (more than 9 decimals, or a mantissa beyond 64 bits): round, then split.</summary>
    internal static Decimal FromDecimalRounded(decimal value)
    {
        var rounded = Math.Round(value, 9, MidpointRounding.AwayFromZero);
        var units = decimal.ToInt64(decimal.Truncate(rounded));
        var nanos = decimal.ToInt32((rounded - units) * NanoFactor);
        return new Decimal { Units = units, Nanos = nanos };
    }

    /// <summary>Null-preserving <see cref="FromDecimal(decimal)"/>: null (an absent field) stays null.</summary>
    public static Decimal? FromDecimal(decimal? value) => value is { } present ? FromDecimal(present) : null;

    /// <summary>True when nanos is in range and has the sign of units (the wire rule).</summary>
    public bool IsWellFormed =>
        Nanos > -NanosPerUnit && Nanos < NanosPerUnit && !(Units > 0 && Nanos < 0) && !(Units < 0 && Nanos > 0);

    /// <summary>The exact value; call only on a well-formed instance (<see cref="IsWellFormed"/>).</summary>
    public decimal ToDecimal() => Units + (Nanos / NanoFactor);
}
