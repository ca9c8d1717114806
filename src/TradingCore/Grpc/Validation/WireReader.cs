using System.Buffers;
using TradingCore.Hosting;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Grpc.Validation;

/// <summary>Shape checks shared by every request: ids, strings, decimals and enums. Each failure names its field.</summary>
internal static class WireReader
{
    /// <summary>Largest magnitude accepted in any Decimal field (units); far above any real price or volume.</summary>
    public const long MaxUnits = 1_000_000_000_000;

    public const int MaxClientOrderIdLength = 64;

    public const int MaxCommentLength = 64;

    public const int MaxSymbolLength = 32;

    private static readonly SearchValues<char> ClientOrderIdChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:-");

    public static long AccountId(long value, FieldErrors errors, string field = "account_id")
    {
        if (value <= 0)
        {
            errors.Add(field, "must be a positive account number");
        }

        return value;
    }

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
        else if (value.Length > MaxSymbolLength)
        {
            errors.Add(field, $"must be at most {MaxSymbolLength} characters");
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
