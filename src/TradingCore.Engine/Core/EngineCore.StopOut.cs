using TradingCore.Engine.Accounting;
using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Core;

/// <remarks>
/// Stop-out screening (docs/architecture.md, "What a tick costs"): after each exact check an account gets, on every
/// symbol its figures depend on (held symbols and the symbols its conversion rates come from), a band of quotes
/// within which it provably stays above its stop-out level. A tick checks exactly only the accounts whose band it
/// leaves, so its cost does not grow with the accounts that hold the symbol. Any change to an account (a position
/// opens, changes or closes; its balance, leverage or levels change) drops its bands until its next check.
/// </remarks>
public sealed partial class EngineCore
{
    /// <summary>Band half-widths tried, widest first (relative to the quote).</summary>
    private static readonly decimal[] BandWidths = [0.05m, 0.02m, 0.01m, 0.005m, 0.002m, 0.001m, 0.0005m, 0.0002m, 0.0001m];

    private readonly List<long> _crossed = [];

    /// <summary>
    /// After a tick, every account holding the symbol whose band the tick left is checked: while its margin level
    /// (equity / margin × 100) is below its stop-out level, its position with the largest floating loss is closed
    /// at market with deal reason SO, and the level is computed again. An account whose band on a symbol it only
    /// converts through was left is checked on the next tick of a symbol it holds.
    /// </summary>
    private void CheckStopOuts(SymbolBook symbol, long nowMs)
    {
        _crossed.Clear();
        symbol.Watch.Collect(symbol.LastTick.Bid, symbol.LastTick.Ask, _crossed);
        if (_crossed.Count == 0)
        {
            return;
        }

        _crossed.Sort();
        var previous = 0L;
        foreach (var accountId in _crossed)
        {
            if (accountId == previous)
            {
                continue;
            }

            previous = accountId;
            var book = _accounts[accountId];
            if (!book.Bands.TryGetValue(symbol.Spec.Name, out var band))
            {
                continue;
            }

            if (band.Held)
            {
                StopOut(book, nowMs);
                UpdateMarginCall(book, nowMs);
                Screen(book);
            }
            else
            {
                Unscreen(book);
            }
        }

        _crossed.Clear();
    }

    private void StopOut(AccountBook book, long nowMs)
    {
        // A routed account's stop-out is its broker's: MT5 closes the positions and the deals come back as external.
        while (!book.IsRouted && book.Positions.Count > 0 && IsBelowStopOut(book))
        {
            Position? worst = null;
            var worstProfit = 0m;
            foreach (var position in book.Positions.Values)
            {
                var (profit, _) = _valuation.FloatingProfit(book.Account, position);
                if (worst is null || profit < worstProfit)
                {
                    (worst, worstProfit) = (position, profit);
                }
            }

            var symbol = SymbolOf(worst!.Symbol);
            var count = book.Positions.Count;
            CloseAtMarket(book, symbol, worst, worst.Volume, TradeReason.StopOut, nowMs);
            if (book.Positions.Count == count && book.Positions.ContainsKey(worst.Ticket))
            {
                return; // the venue did not fill the close; try again on the next tick
            }
        }
    }

    /// <summary>
    /// Whether the account is below its stop-out level. An account whose figures cannot be computed (a position
    /// without a quote or conversion) is not stopped out on a guess: it is checked again on the next tick.
    /// </summary>
    private bool IsBelowStopOut(AccountBook book) => Levels(book) is var (equity, margin) && AccountLevels.IsBelow(book.Account, equity, margin, book.Account.StopOutLevel);

    /// <summary>
    /// Enters or leaves the margin-call state when the account's figures cross its margin-call level, with an
    /// account event (the account's stream shows margin_call true, then false). Figures that cannot be computed
    /// change nothing.
    /// </summary>
    private void UpdateMarginCall(AccountBook book, long nowMs)
    {
        if (Levels(book) is not var (equity, margin))
        {
            return;
        }

        var below = AccountLevels.IsBelow(book.Account, equity, margin, book.Account.MarginCallLevel);
        if (below != book.Account.MarginCall)
        {
            book.Account = book.Account with { MarginCall = below };
            EmitAccount(book, isNew: false, nowMs);
        }
    }

    /// <summary>The account's equity and margin, or null when a figure cannot be computed.</summary>
    private (decimal Equity, decimal Margin)? Levels(AccountBook book)
    {
        if (_valuation.AccountMargin(book) is not { } margin)
        {
            return null;
        }

        var (profit, state) = _valuation.FloatingProfit(book);
        return state == PriceState.Missing ? null : (book.Account.Balance + book.Account.Credit + profit + AccountValuation.Swaps(book), margin);
    }

    /// <summary>Drops an account's bands: each tick of a symbol it holds checks it until it is screened again.</summary>
    private void Unscreen(AccountBook book)
    {
        DropBands(book);
        foreach (var symbol in book.Holdings.Keys)
        {
            AddBand(book, SymbolOf(symbol), ScreenBand.Unscreened);
        }
    }

    /// <summary>Every account is checked on the next tick of each symbol it holds (a symbol's first quote or a new spec can change any figure).</summary>
    private void UnscreenAll()
    {
        foreach (var book in _accounts.Values)
        {
            if (book.Holdings.Count > 0)
            {
                Unscreen(book);
            }
        }
    }

    /// <summary>
    /// Gives an account the widest bands within which it provably stays above its stop-out level, or leaves it
    /// unscreened when its figures cannot be computed or it is too close to the level.
    /// </summary>
    private void Screen(AccountBook book)
    {
        DropBands(book);
        if (book.Holdings.Count == 0)
        {
            return;
        }

        var width = BandWidth(book, _screenSymbols);
        foreach (var (symbol, held) in _screenSymbols)
        {
            if (width is { } delta)
            {
                var tick = symbol.LastTick;
                AddBand(book, symbol, new ScreenBand(tick.Bid * (1m - delta), tick.Ask * (1m + delta), held));
            }
            else if (held)
            {
                AddBand(book, symbol, ScreenBand.Unscreened);
            }
        }

        _screenSymbols.Clear();
    }

    private readonly Dictionary<SymbolBook, bool> _screenSymbols = [];

    /// <summary>
    /// The largest of <see cref="BandWidths"/> (δ) such that no quote within the bands can bring the account to its
    /// margin-call or stop-out level, and the symbols the bands go on (true = held). With slack S = 100 × equity −
    /// a × margin − b (percent levels: a = the level, b = 0; money levels: a = 0, b = 100 × the level),
    /// every bid and ask within its band moves by at most ε = max(ask/bid) × (1 + δ) − 1 and a rate by at most
    /// ε / (1 − ε); a position's profit f × (close − open) × rate then moves by at most
    /// f × rate × (close × (ε + εr + ε εr) + open × εr) plus one rounding unit, and margin (linear in price and rate)
    /// by margin × ((1 + ε)(1 + εr) − 1) plus a rounding unit per side. δ is taken when 100 × Δprofit + a × Δmargin &lt; S.
    /// </summary>
    private decimal? BandWidth(AccountBook book, Dictionary<SymbolBook, bool> symbols)
    {
        var account = book.Account;
        try
        {
            // An account in margin call is checked on every tick of what it holds (it must leave that state, or be
            // stopped out, as soon as a quote says so); the others are screened against the higher of their levels.
            if (account.MarginCall || _valuation.AccountMargin(book) is not { } margin || _valuation.FloatingProfit(book) is not { State: not PriceState.Missing } floating)
            {
                AddHeld(book, symbols);
                return null;
            }

            var equity = account.Balance + account.Credit + floating.Profit + AccountValuation.Swaps(book);
            var (slack, marginWeight) = AccountLevels.Slack(account, equity, margin, Math.Max(account.MarginCallLevel, account.StopOutLevel));
            var unit = DecimalMath.Pow10Negative(account.CurrencyDigits);
            decimal closeTerm = 0m, openTerm = 0m, marginTerm = 0m, roundingTerm = 0m;
            foreach (var holding in book.Holdings.Values)
            {
                var symbol = SymbolOf(holding.Symbol);
                symbols[symbol] = true;
                var (profitRate, profitSource) = _rates.Conversion(symbol.Spec.CurrencyProfit, account.Currency);
                var (_, marginSource) = _rates.Conversion(symbol.Spec.CurrencyMargin, account.Currency);
                if (profitRate is not { } rate || !symbol.HasTick)
                {
                    AddHeld(book, symbols);
                    return null;
                }

                AddSource(symbols, profitSource);
                AddSource(symbols, marginSource);
                var (factors, openValue) = holding.BoundTerms(symbol.Spec);
                closeTerm += rate * symbol.LastTick.Ask * factors;
                openTerm += rate * openValue;
                marginTerm += _valuation.SymbolMargin(book, symbol, holding.Legs) ?? 0m;
                roundingTerm += unit * (holding.Positions.Count + 2);
            }

            var spread = 1m;
            foreach (var symbol in symbols.Keys)
            {
                if (symbol.LastTick.Bid <= 0m)
                {
                    AddHeld(book, symbols);
                    return null;
                }

                spread = Math.Max(spread, symbol.LastTick.Ask / symbol.LastTick.Bid);
            }

            foreach (var delta in BandWidths)
            {
                var move = spread * (1m + delta) - 1m;
                if (move >= 0.5m)
                {
                    continue;
                }

                var rateMove = move / (1m - move);
                var profitBound = closeTerm * (move + rateMove + move * rateMove) + openTerm * rateMove;
                var marginBound = marginTerm * ((1m + move) * (1m + rateMove) - 1m);
                if (100m * (profitBound + roundingTerm) + marginWeight * (marginBound + roundingTerm) < slack)
                {
                    return delta;
                }
            }
        }
        catch (OverflowException)
        {
            // Figures this large are checked on every tick.
        }

        symbols.Clear();
        AddHeld(book, symbols);
        return null;
    }

    private void AddHeld(AccountBook book, Dictionary<SymbolBook, bool> symbols)
    {
        foreach (var symbol in book.Holdings.Keys)
        {
            symbols[SymbolOf(symbol)] = true;
        }
    }

    private static void AddSource(Dictionary<SymbolBook, bool> symbols, SymbolBook? source)
    {
        if (source is not null)
        {
            symbols.TryAdd(source, false);
        }
    }

    private static void AddBand(AccountBook book, SymbolBook symbol, ScreenBand band)
    {
        book.Bands[symbol.Spec.Name] = band;
        symbol.Watch.Add(book.Account.AccountId, band);
    }

    private void DropBands(AccountBook book)
    {
        foreach (var (symbol, band) in book.Bands)
        {
            SymbolOf(symbol).Watch.Remove(book.Account.AccountId, band);
        }

        book.Bands.Clear();
    }
}
