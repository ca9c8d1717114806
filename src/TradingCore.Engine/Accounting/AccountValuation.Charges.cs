using TradingCore.Engine.Core;
using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Accounting;

/// <summary>
/// What an account is charged beside profit: swap at rollover (accrued on positions, in equity) and the commission
/// and fee of each deal from the account's schedule. docs/accounting.md, "Swaps and rollover", "Commissions and fees".
/// </summary>
internal sealed partial class AccountValuation
{
    /// <summary>The swap accumulated on the account's open positions (part of equity, not of the balance).</summary>
    public static decimal Swaps(AccountBook book)
    {
        var swaps = 0m;
        foreach (var holding in book.Holdings.Values)
        {
            swaps += holding.Swap;
        }

        return swaps;
    }

    /// <summary>
    /// One rollover's swap of a position, <paramref name="nights"/> nights (3 on the triple day), account currency,
    /// rounded: by the symbol's swap mode (docs/accounting.md "Swaps and rollover"), converted at the current rate.
    /// 0 when the symbol has no swap; null when a price or conversion is missing or the figure is beyond range.
    /// </summary>
    public decimal? Swap(Account account, SymbolBook symbol, Position position, int nights)
    {
        var spec = symbol.Spec;
        var value = position.IsBuy ? spec.SwapLong : spec.SwapShort;
        if (spec.SwapMode is SwapMode.Disabled or SwapMode.ReopenCurrent or SwapMode.ReopenBid || value == 0m || nights == 0)
        {
            return 0m; // the reopen modes move the open price instead (EngineCore.Rollover.cs)
        }

        if (spec.SwapMode == SwapMode.InterestCurrent && !symbol.HasTick)
        {
            return null;
        }

        var lots = position.Volume;
        var (money, currency) = spec.SwapMode switch
        {
            SwapMode.Points => (value * spec.Point * spec.ContractSize * lots, spec.CurrencyProfit),
            SwapMode.CurrencySymbol => (value * lots, spec.CurrencyBase),
            SwapMode.CurrencyMargin => (value * lots, spec.CurrencyMargin),
            SwapMode.CurrencyDeposit => (value * lots, account.Currency),
            SwapMode.CurrencyProfit => (value * lots, spec.CurrencyProfit),
            SwapMode.InterestCurrent => (lots * spec.ContractSize * (position.IsBuy ? symbol.LastTick.Bid : symbol.LastTick.Ask) * value / 100m / 360m, spec.CurrencyProfit),
            _ => (lots * spec.ContractSize * position.PriceOpen * value / 100m / 360m, spec.CurrencyProfit),
        };
        if (rates.Rate(currency, account.Currency) is not { } rate)
        {
            return null;
        }

        try
        {
            return Bookable(DecimalMath.RoundMoney(money * nights * rate, account.CurrencyDigits));
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>
    /// The commission and fee of a deal on <paramref name="spec"/> that enters <paramref name="entering"/> lots and
    /// exits <paramref name="exiting"/> lots at <paramref name="price"/> (an INOUT reversal does both), from the
    /// account's schedule: for each kind the first rule matching the symbol, charged on the volume its entry setting
    /// counts (a per-deal amount once when that volume is not 0). Negative or 0, rounded to the account's digits;
    /// null when the charge's currency has no conversion quote or it is beyond range.
    /// </summary>
    public (decimal Commission, decimal Fee)? Charges(Account account, SymbolSpec spec, decimal entering, decimal exiting, decimal price)
    {
        if (account.Commissions.Count == 0)
        {
            return (0m, 0m);
        }

        return Charge(account, spec, CommissionKind.Commission, entering, exiting, price) is { } commission
            && Charge(account, spec, CommissionKind.Fee, entering, exiting, price) is { } fee
            ? (commission, fee)
            : null;
    }

    private decimal? Charge(Account account, SymbolSpec spec, CommissionKind kind, decimal entering, decimal exiting, decimal price)
    {
        var rule = account.Commissions.FirstOrDefault(candidate => candidate.Kind == kind && candidate.Matches(spec.Name));
        var volume = rule?.Entry switch
        {
            CommissionEntry.In => entering,
            CommissionEntry.Out => exiting,
            CommissionEntry.Both => entering + exiting,
            _ => 0m,
        };
        if (rule is null || volume == 0m || rule.Amount == 0m)
        {
            return 0m;
        }

        var (money, currency) = rule.Basis switch
        {
            CommissionBasis.PerLot => (rule.Amount * volume, CurrencyOf(account, spec, rule.Currency)),
            CommissionBasis.PerDeal => (rule.Amount, CurrencyOf(account, spec, rule.Currency)),
            _ => (rule.Amount / 100m * volume * spec.ContractSize * price, spec.CurrencyProfit),
        };
        if (rates.Rate(currency, account.Currency) is not { } rate)
        {
            return null;
        }

        try
        {
            return Bookable(-DecimalMath.RoundMoney(money * rate, account.CurrencyDigits));
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private static string CurrencyOf(Account account, SymbolSpec spec, CommissionCurrency currency) => currency switch
    {
        CommissionCurrency.Base => spec.CurrencyBase,
        CommissionCurrency.Profit => spec.CurrencyProfit,
        CommissionCurrency.Margin => spec.CurrencyMargin,
        _ => account.Currency,
    };
}
