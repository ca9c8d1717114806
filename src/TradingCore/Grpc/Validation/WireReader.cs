using System.Buffers;
using TradingCore.Engine.Domain;
using TradingCore.Hosting;
using TradingCore.Symbols;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Grpc.Validation;

/// <summary>Shape checks shared by every request: ids, strings, decimals and enums. Each failure names its field.</summary>
internal static class WireReader
{
    /// <summary>Largest magnitude accepted in any Decimal field (units); far above any real price or volume.</summary>
    public const long MaxUnits = 1_000_000_000_000;

    public const int MaxClientOrderIdLength = 64;

    public const int MaxCommentLength = 64;

    public const int MaxSymbolLength = SymbolNames.MaxLength;

    private static readonly SearchValues<char> ClientOrderIdChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:-");

    public static long AccountId(long value, FieldErrors errors, string field = "account_id")
    {
        if (!ValueRanges.IsAccountId(value))
        {
            errors.Add(field, ValueRanges.AccountIdRule);
        }

        return value;
    }

    /// <summary>A time field: 0 when <paramref name="allowZero"/> (meaning "none"), otherwise within <see cref="ValueRanges.IsTime"/>.</summary>
    public static long Time(long value, FieldErrors errors, string field, bool allowZero = true)
    {
        if (!(allowZero && value == 0) && !ValueRanges.IsTime(value))
        {
            errors.Add(field, ValueRanges.TimeRule);
        }

        return value;
    }

    /// <summary>An optional price: absent, or a price within <see cref="ValueRanges.IsPrice"/>.</summary>
    public static decimal? OptionalPrice(Wire.Decimal? value, FieldErrors errors, string field) =>
        Ranged(Optional(value, errors, field), errors, field, ValueRanges.IsPrice, ValueRanges.PriceRule);

    /// <summary>A required price within <see cref="ValueRanges.IsPrice"/>.</summary>
    public static decimal RequiredPrice(Wire.Decimal? value, FieldErrors errors, string field) =>
        Ranged(Required(value, errors, field), errors, field, ValueRanges.IsPrice, ValueRanges.PriceRule);

    /// <summary>An optional lot volume within <see cref="ValueRanges.IsVolume"/>.</summary>
    public static decimal? OptionalVolume(Wire.Decimal? value, FieldErrors errors, string field) =>
        Ranged(Optional(value, errors, field), errors, field, ValueRanges.IsVolume, ValueRanges.VolumeRule);

    /// <summary>A required lot volume within <see cref="ValueRanges.IsVolume"/>.</summary>
    public static decimal RequiredVolume(Wire.Decimal? value, FieldErrors errors, string field) =>
        Ranged(Required(value, errors, field), errors, field, ValueRanges.IsVolume, ValueRanges.VolumeRule);

    /// <summary>An optional non-negative volume limit (0 = none) up to <see cref="ValueRanges.MaxVolume"/>.</summary>
    public static decimal VolumeLimit(Wire.Decimal? value, FieldErrors errors, string field) =>
        Ranged(Optional(value, errors, field, positive: false), errors, field, limit => limit == 0m || ValueRanges.IsVolume(limit), "must be 0 (no limit) or a volume of at most 100000000 lots") ?? 0m;

    /// <summary>An optional amount of money within <see cref="ValueRanges.IsMoney"/>; <paramref name="nonNegative"/> refuses negatives.</summary>
    public static decimal? Money(Wire.Decimal? value, FieldErrors errors, string field, bool nonNegative) =>
        Ranged(Optional(value, errors, field, positive: false), errors, field, amount => ValueRanges.IsMoney(amount) && (!nonNegative || amount >= 0m), nonNegative ? "must not be negative and at most 1000000000000000 with at most 9 decimal places" : ValueRanges.MoneyRule);

    private static decimal? Ranged(decimal? value, FieldErrors errors, string field, Func<decimal, bool> admissible, string rule)
    {
        if (value is { } present && !errors.Has(field) && !admissible(present))
        {
            errors.Add(field, rule);
            return null;
        }

        return value;
    }

    private static decimal Ranged(decimal value, FieldErrors errors, string field, Func<decimal, bool> admissible, string rule) =>
        Ranged((decimal?)value, errors, field, admissible, rule) ?? 0m;

    public static string ClientOrderId(string value, FieldErrors errors, string field = "client_order_id")
    {
        if (string.IsNullOrEmpty(value))
        {
            errors.Add(field, "is required (1-64 characters of A-Z a-z 0-9 . _ : -)");
        }
        else if (value.Length > MaxClientOrderIdLength || value.AsSpan().ContainsAnyExcept(ClientOrderIdChars))
        {
            errors.Add(field, "must be 1-64 characters of A-Z a-z 0-9 . _ : -");
        }

        return value;
    }

    public static string Symbol(string value, SymbolCatalog catalog, FieldErrors errors, string field = "symbol")
    {
        if (string.IsNullOrEmpty(value))
        {
            errors.Add(field, "is required");
        }
        else if (!SymbolNames.IsValid(value))
        {
            errors.Add(field, SymbolNames.Rule);
        }
        else if (!catalog.Contains(value))
        {
            errors.Add(field, $"unknown symbol '{value}'");
        }

        return value;
    }

    public static string Comment(string value, FieldErrors errors, string field = "comment")
    {
        if (value.Length > MaxCommentLength)
        {
            errors.Add(field, $"must be at most {MaxCommentLength} characters");
        }
        else if (value.AsSpan().ContainsAnyInRange('\0', '\u001f'))
        {
            errors.Add(field, "must not contain control characters");
        }

        return value;
    }

    /// <summary>An optional decimal; when present it must be well formed, within range and (if asked) positive.</summary>
    public static decimal? Optional(Wire.Decimal? value, FieldErrors errors, string field, bool positive = true)
    {
        if (value is null)
        {
            return null;
        }

        if (!value.IsWellFormed)
        {
            errors.Add(field, "is not a valid Decimal (|nanos| < 1e9 and nanos must have the sign of units)");
            return null;
        }

        if (value.Units > MaxUnits || value.Units < -MaxUnits)
        {
            errors.Add(field, $"is out of range (at most {MaxUnits} in magnitude)");
            return null;
        }

        var result = value.ToDecimal();
        if (positive && result <= 0m)
        {
            errors.Add(field, "must be greater than 0");
            return null;
        }

        return result;
    }

    public static decimal Required(Wire.Decimal? value, FieldErrors errors, string field, bool positive = true)
    {
        if (value is null)
        {
            errors.Add(field, "is required");
            return 0m;
        }

        return Optional(value, errors, field, positive) ?? 0m;
    }

    /// <summary>An enum value the contract defines; UNSPECIFIED (0) only where allowed.</summary>
    public static T Enum<T>(T value, FieldErrors errors, string field, bool allowUnspecified)
        where T : struct, System.Enum
    {
        if (!System.Enum.IsDefined(value))
        {
            errors.Add(field, $"unknown value {Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)}");
        }
        else if (!allowUnspecified && Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            errors.Add(field, "is required");
        }

        return value;
    }

    public static ulong Ticket(ulong value, FieldErrors errors, string field)
    {
        if (value == 0)
        {
            errors.Add(field, "is required");
        }

        return value;
    }
}
