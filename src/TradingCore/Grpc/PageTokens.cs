using System.Globalization;
using TradingCore.Grpc.Validation;

namespace TradingCore.Grpc;

/// <summary>Page tokens and sizes of list calls. A token is the ticket to continue below (pages run newest first).</summary>
internal static class PageTokens
{
    public const int DefaultPageSize = 100;

    public const int MaxPageSize = 1000;

    public static int Size(int requested, FieldErrors errors, string field = "page_size")
    {
        if (requested < 0 || requested > MaxPageSize)
        {
            errors.Add(field, $"must be 0 (default {DefaultPageSize}) to {MaxPageSize}");
        }

        return requested == 0 ? DefaultPageSize : requested;
    }

    public static ulong Parse(string token, FieldErrors errors, string field = "page_token")
    {
        if (string.IsNullOrEmpty(token))
        {
            return 0;
        }

        if (!ulong.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var ticket) || ticket == 0)
        {
            errors.Add(field, "is not a token returned by a previous page");
        }

        return ticket;
    }

    /// <summary>The token of the next page, or empty when this page was the last.</summary>
    public static string Next(int returned, int pageSize, ulong lastTicket) =>
        returned < pageSize ? "" : lastTicket.ToString(CultureInfo.InvariantCulture);
}
