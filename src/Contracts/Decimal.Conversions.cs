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
