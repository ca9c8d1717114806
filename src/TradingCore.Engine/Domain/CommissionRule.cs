namespace TradingCore.Engine.Domain;

/// <summary>
/// One line of an account's commission schedule (MT5 group commissions, charged instantly): for the symbols its
/// mask matches, a charge per lot, per deal or in percent of the deal's turnover, on entering deals, exiting deals or
/// both, booked on the deal as commission or as fee. docs/accounting.md, "Commissions and fees".
/// </summary>
public sealed record CommissionRule
{
    /// <summary>Symbols the rule applies to: a name, or a mask where * stands for any characters ("*", "EUR*").</summary>
    public string Symbols { get; init; } = "*";

    /// <summary>Booked as the deal's commission or as its fee.</summary>
    public CommissionKind Kind { get; init; } = CommissionKind.Commission;

    /// <summary>Per lot, per deal, or percent of turnover.</summary>
    public CommissionBasis Basis { get; init; } = CommissionBasis.PerLot;

    /// <summary>The charge (a positive amount is taken from the balance): money per lot or per deal, or percent.</summary>
    public decimal Amount { get; init; }

    /// <summary>The currency of a per-lot or per-deal amount (percent charges are in the profit currency, converted).</summary>
    public CommissionCurrency Currency { get; init; } = CommissionCurrency.Deposit;

    /// <summary>Which deals pay: entering, exiting, or both.</summary>
    public CommissionEntry Entry { get; init; } = CommissionEntry.Both;

    /// <summary>Whether the rule's mask matches <paramref name="symbol"/> (* matches any run of characters, including none).</summary>
    public bool Matches(string symbol) => Matches(Symbols.AsSpan(), symbol.AsSpan());

    private static bool Matches(ReadOnlySpan<char> mask, ReadOnlySpan<char> text)
    {
        var star = mask.IndexOf('*');
        if (star < 0)
        {
            return mask.SequenceEqual(text);
        }

        if (!text.StartsWith(mask[..star]))
        {
            return false;
        }

        var rest = mask[(star + 1)..];
        for (var start = star; start <= text.Length; start++)
        {
            if (Matches(rest, text[start..]))
            {
                return true;
            }
        }

        return false;
    }
}
