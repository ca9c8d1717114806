using TradingCore.Engine.Core;
using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Accounting;

/// <summary>
/// What an account's positions are worth and what they tie up, in the account currency: realized and floating
/// profit, margin (per symbol, netting: the net position; hedging: the larger leg), equity, free margin and margin
/// level (<see cref="Snapshot"/>). Reads the engine's books, changes nothing but the holdings' cached profit.
/// </summary>
/// <remarks>
/// Every money figure is computed so that it cannot throw: a figure that needs a quote the core does not have, or
/// whose result would leave <see cref="ValueRanges.MaxBookedMoney"/> (or System.Decimal), is reported as
/// <see cref="PriceState.Missing"/> and never decided on. Inputs are bounded where they enter
/// (<see cref="ValueRanges"/>), so such results need absurd prices; the engine does not trust that.
/// </remarks>
internal sealed partial class AccountValuation(IReadOnlyDictionary<string, SymbolBook> symbols, ConversionRates rates)
{
    /// <summary>
    /// Profit of closing part of a position at a price, converted to the account currency and rounded. Null when
    /// no quote converts the profit currency, or the result is beyond the bookable range.
    /// </summary>
    public decimal? RealizedProfit(Account account, SymbolSpec spec, bool isBuy, decimal volume, decimal openPrice, decimal closePrice)
    {
        if (rates.Rate(spec.CurrencyProfit, account.Currency) is not { } rate)
        {
            return null;
        }

        try
        {
            var money = DecimalMath.RoundMoney(PositionMath.Profit(spec, isBuy, volume, openPrice, closePrice) * rate, account.CurrencyDigits);
            return ValueRanges.IsBookable(money) ? money : null;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>Price a position would close at now: bid for buys, ask for sells. Null before the first tick.</summary>
    public decimal? ClosePrice(Position position)
    {
        var book = Symbol(position.Symbol);
        return book.HasTick ? (position.IsBuy ? book.LastTick.Bid : book.LastTick.Ask) : null;
    }

    /// <summary>
    /// Floating profit of an open position (account currency, rounded) and how it is priced: Missing (profit 0)
    /// without a quote or conversion or beyond range, Stale on the last known quote of a silent feed.
    /// </summary>
    public (decimal Profit, PriceState State) FloatingProfit(Account account, Position position)
    {
        var book = Symbol(position.Symbol);
        if (!book.HasTick)
        {
            return (0m, PriceState.Missing);
        }

        var close = position.IsBuy ? book.LastTick.Bid : book.LastTick.Ask;
        return RealizedProfit(account, book.Spec, position.IsBuy, position.Volume, position.PriceOpen, close) is { } profit
            ? (profit, book.QuoteStale ? PriceState.Stale : PriceState.Live)
            : (0m, PriceState.Missing);
    }

    /// <summary>Margin of <paramref name="volume"/> lots on one side of a symbol, account currency, rounded; null when it cannot be computed.</summary>
    private decimal? MarginFor(Account account, SymbolBook book, bool isBuy, decimal volume)
    {
        if (volume == 0m)
        {
            return 0m;
        }

        // FOREX and FOREX_NO_LEVERAGE margin needs no price of the symbol itself, only the conversion.
        var needsPrice = book.Spec.CalcMode is not (SymbolCalcMode.Forex or SymbolCalcMode.ForexNoLeverage or SymbolCalcMode.Futures or SymbolCalcMode.ExchangeFutures);
        if (needsPrice && !book.HasTick)
        {
            return null;
        }

        if (rates.Rate(book.Spec.CurrencyMargin, account.Currency) is not { } rate)
        {
            return null;
        }

        var price = book.HasTick ? (isBuy ? book.LastTick.Ask : book.LastTick.Bid) : 0m;
        try
        {
            var money = DecimalMath.RoundMoney(PositionMath.Margin(book.Spec, account.Leverage, volume, price) * rate, account.CurrencyDigits);
            return ValueRanges.IsBookable(money) ? money : null;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>
    /// Margin the account uses, with one symbol's legs replaced by hypothetical ones (for pre-trade checks); null
    /// when a part cannot be computed (no quote or conversion, or beyond range). Reads the legs each holding keeps:
    /// the cost grows with the symbols held, not the positions.
    /// </summary>
    public decimal? AccountMargin(AccountBook book, string? symbolOverride = null, Legs legsOverride = default)
    {
        try
        {
            var margin = 0m;
            foreach (var holding in book.Holdings.Values)
            {
                if (string.Equals(holding.Symbol, symbolOverride, StringComparison.Ordinal))
                {
                    continue;
                }

                if (SymbolMargin(book, Symbol(holding.Symbol), holding.Legs) is not { } one)
                {
                    return null;
                }

                margin += one;
            }

            if (symbolOverride is not null)
            {
                if (SymbolMargin(book, Symbol(symbolOverride), legsOverride) is not { } one)
                {
                    return null;
                }

                margin += one;
            }

            return ValueRanges.IsBookable(margin) ? margin : null;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>
    /// Margin of one symbol's legs, account currency, rounded. Netting: the net position at the market (ask for a
    /// long, bid for a short). Hedging: the legs at their average open prices, in the symbol's hedged-margin mode
    /// (<see cref="HedgedMargin"/>).
    /// </summary>
    public decimal? SymbolMargin(AccountBook book, SymbolBook symbol, Legs legs) =>
        book.IsHedging
            ? HedgedMargin(book.Account, symbol, legs)
            : MarginFor(book.Account, symbol, true, legs.Buys) is { } buyMargin && MarginFor(book.Account, symbol, false, legs.Sells) is { } sellMargin
                ? Math.Max(buyMargin, sellMargin)
                : null;

    /// <summary>
    /// A hedging account's margin on one symbol (MT5, docs/accounting.md "Hedged margin"), each side priced at its
    /// average open price and converted at the current rate. Largest leg (<see cref="SymbolSpec.MarginHedgedUseLeg"/>):
    /// the larger of the two sides' margins. Basic: the uncovered volume |buys − sells| plus the covered volume
    /// min(buys, sells) charged once with <see cref="SymbolSpec.MarginHedged"/>, both at the larger side's average
    /// open price.
    /// </summary>
    private decimal? HedgedMargin(Account account, SymbolBook symbol, Legs legs)
    {
        if (legs.Buys == 0m && legs.Sells == 0m)
        {
            return 0m;
        }

        if (rates.Rate(symbol.Spec.CurrencyMargin, account.Currency) is not { } rate)
        {
            return null;
        }

        var spec = symbol.Spec;
        try
        {
            if (spec.MarginHedgedUseLeg)
            {
                var buy = DecimalMath.RoundMoney(PositionMath.Margin(spec, account.Leverage, legs.Buys, legs.AverageBuy) * rate, account.CurrencyDigits);
                var sell = DecimalMath.RoundMoney(PositionMath.Margin(spec, account.Leverage, legs.Sells, legs.AverageSell) * rate, account.CurrencyDigits);
                return Bookable(Math.Max(buy, sell));
            }

            var price = legs.Buys >= legs.Sells ? legs.AverageBuy : legs.AverageSell;
            var uncovered = PositionMath.Margin(spec, account.Leverage, Math.Abs(legs.Buys - legs.Sells), price);
            var covered = CoveredMargin(spec, account.Leverage, Math.Min(legs.Buys, legs.Sells), price);
            return Bookable(DecimalMath.RoundMoney((uncovered + covered) * rate, account.CurrencyDigits));
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>
    /// Covered volume's margin in the basic mode: money per covered lot when the symbol has an initial margin,
    /// otherwise the calc-mode formula with <see cref="SymbolSpec.MarginHedged"/> for the contract size (every
    /// formula is proportional to it); unset charges the contract size.
    /// </summary>
    private static decimal CoveredMargin(SymbolSpec spec, int leverage, decimal covered, decimal price)
    {
        if (covered == 0m)
        {
            return 0m;
        }

        if (spec.MarginHedged is not { } hedged)
        {
            return PositionMath.Margin(spec, leverage, covered, price);
        }

        return spec.MarginInitial != 0m
            ? covered * hedged
            : PositionMath.Margin(spec, leverage, covered, price) * hedged / spec.ContractSize;
    }

    private static decimal? Bookable(decimal money) => ValueRanges.IsBookable(money) ? money : null;

    /// <summary>
    /// Sum of the floating profits and the worst price state among them. Each holding's sum is cached for the
    /// quote and rate it was computed at, so only the symbols whose price moved are summed again.
    /// </summary>
    public (decimal Profit, PriceState State) FloatingProfit(AccountBook book)
    {
        var profit = 0m;
        var state = PriceState.Live;
        try
        {
            foreach (var holding in book.Holdings.Values)
            {
                var (one, oneState) = HoldingProfit(book.Account, holding);
                profit += one;
                state = Worse(state, oneState);
            }
        }
        catch (OverflowException)
        {
            return (0m, PriceState.Missing);
        }

        return ValueRanges.IsBookable(profit) ? (profit, state) : (0m, PriceState.Missing);
    }

    /// <summary>The floating profit of one holding: cached, or summed position by position (each rounded, as MT5 shows them).</summary>
    private (decimal Profit, PriceState State) HoldingProfit(Account account, Holding holding)
    {
        var symbol = Symbol(holding.Symbol);
        if (!symbol.HasTick || rates.Rate(symbol.Spec.CurrencyProfit, account.Currency) is not { } rate)
        {
            return (0m, PriceState.Missing);
        }

        if (holding.IsProfitCurrent(symbol.PriceVersion, rate))
        {
            return (holding.Profit, holding.ProfitState);
        }

        // A few multiplications when the kept sums give the rounded sum exactly (the common case); else the walk.
        if (rate == 1m && holding.SummedProfit(symbol.Spec, symbol.LastTick.Bid, symbol.LastTick.Ask, account.CurrencyDigits) is { } summed)
        {
            var summedState = holding.Positions.Count > 0 && symbol.QuoteStale ? PriceState.Stale : PriceState.Live;
            (holding.Profit, holding.ProfitState, holding.ProfitVersion, holding.ProfitRate) = (summed, summedState, symbol.PriceVersion, rate);
            return (summed, summedState);
        }

        var profit = 0m;
        var state = PriceState.Live;
        foreach (var position in holding.Positions.Values)
        {
            var (one, oneState) = FloatingProfit(account, position);
            profit += one;
            state = Worse(state, oneState);
        }

        (holding.Profit, holding.ProfitState, holding.ProfitVersion, holding.ProfitRate) = (profit, state, symbol.PriceVersion, rate);
        return (profit, state);
    }

    /// <summary>
    /// Keeps a holding's cached profit true when a position joins or leaves it: adjusted by that position's
    /// profit when the cache is for the current quote and rate, dropped otherwise.
    /// </summary>
    public void AdjustHoldingProfit(Account account, Holding holding, Position position, bool joins)
    {
        var symbol = Symbol(holding.Symbol);
        if (holding.ProfitVersion < 0)
        {
            return;
        }

        var (one, state) = FloatingProfit(account, position);
        if (state == PriceState.Missing
            || holding.ProfitState == PriceState.Missing
            || rates.Rate(symbol.Spec.CurrencyProfit, account.Currency) is not { } rate
            || !holding.IsProfitCurrent(symbol.PriceVersion, rate))
        {
            holding.InvalidateProfit();
            return;
        }

        holding.Profit += joins ? one : -one;
    }

    /// <summary>
    /// The account's figures now. When any of them cannot be computed the snapshot's <see cref="AccountSnapshot.Pricing"/>
    /// is Missing and the figures are those of the balance alone (they are not reported and no decision uses them).
    /// </summary>
    public AccountSnapshot Snapshot(AccountBook book, long nowMs)
    {
        var account = book.Account;
        try
        {
            var (profit, state) = FloatingProfit(book);
            var margin = AccountMargin(book);
            var equity = account.Balance + account.Credit + profit + Swaps(book);
            if (state != PriceState.Missing && margin is { } used && ValueRanges.IsBookable(equity) && ValueRanges.IsBookable(equity - used))
            {
                return new AccountSnapshot(account, equity, profit, used, equity - used, MarginLevel(equity, used), nowMs) { Pricing = state, VenueState = book.IsRouted ? book.VenueState : null };
            }
        }
        catch (OverflowException)
        {
            // Falls through to the unpriced snapshot below.
        }

        var balance = account.Balance + account.Credit + Swaps(book);
        return new AccountSnapshot(account, balance, 0m, 0m, balance, null, nowMs) { Pricing = PriceState.Missing, VenueState = book.IsRouted ? book.VenueState : null };
    }

    /// <summary>Equity / margin x 100, percent, 2 places; null without margin or when not representable.</summary>
    public static decimal? MarginLevel(decimal equity, decimal margin)
    {
        if (margin <= 0m)
        {
            return null;
        }

        try
        {
            var level = Math.Round(equity / margin * 100m, 2, MidpointRounding.AwayFromZero);
            return ValueRanges.IsBookable(level) ? level : null;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private static PriceState Worse(PriceState a, PriceState b) => a >= b ? a : b;

    private SymbolBook Symbol(string name) =>
        symbols.TryGetValue(name, out var book) ? book : throw new InvalidOperationException($"unknown symbol {name}");
}
