using TradingCore.Engine.Commands;
using TradingCore.Engine.Domain;
using TradingCore.Engine.Factories;

namespace TradingCore.Engine.Core;

public sealed partial class EngineCore
{
    /// <summary>
    /// Creates an account with an opening balance (booked as a BALANCE deal when non-zero). Returns false when the
    /// id is taken.
    /// </summary>
    public bool CreateAccount(Account account, long nowMs)
    {
        // The host refuses such values as INVALID_ARGUMENT; the engine does not trust it. Thrown before any change,
        // the exception turns into a refusal of this command only (TradingEngine).
        if (!ValueRanges.IsAccountId(account.AccountId) || !ValueRanges.IsMoney(account.Balance) || account.Leverage is < 1 or > ValueRanges.MaxLeverage
            || account.Commissions.Any(rule => rule.Amount < 0m || !ValueRanges.IsMoney(rule.Amount)))
        {
            throw new ArgumentOutOfRangeException(nameof(account), "account id, balance, leverage or a commission amount out of range (docs/api.md, value ranges)");
        }

        if (_accounts.ContainsKey(account.AccountId))
        {
            return false;
        }

        var book = new AccountBook(account with { Balance = 0m, TimeCreatedMs = nowMs }, _accountChanged);
        if (VenueRefusal(account.AccountId, account.Venue, account.Mt5Login) is { } refusal)
        {
            throw new ArgumentException(refusal, nameof(account));
        }

        _accounts.Add(account.AccountId, book);
        EmitAccount(book, isNew: true, nowMs);
        IndexVenue(book, null, nowMs);
        if (account.Balance != 0m)
        {
            BookBalance(book, account.Balance, "initial deposit", nowMs);
        }

        return true;
    }

    /// <summary>
    /// Deposits (positive) or withdraws (negative) money as a BALANCE deal. A withdrawal may not exceed the free
    /// margin. Returns the deal, or null when refused (unknown account or not enough free margin).
    /// </summary>
    public Deal? ChangeBalance(long accountId, decimal amount, string comment, long nowMs)
    {
        if (!_accounts.TryGetValue(accountId, out var book) || amount == 0m || BalanceRefusal(book, amount, nowMs) is not null)
        {
            return null;
        }

        return BookBalance(book, amount, comment, nowMs);
    }

    /// <summary>
    /// Why a balance change is refused, or null: the amount or the balance after it out of range, or a withdrawal
    /// beyond the free margin, or a withdrawal from an account that cannot be valued now (never decided on zero).
    /// </summary>
    private string? BalanceRefusal(AccountBook book, decimal amount, long nowMs)
    {
        if (!ValueRanges.IsMoney(amount) || !ValueRanges.IsBookable(book.Account.Balance + amount))
        {
            return $"an amount of {Format(amount)} is out of range or would take the balance beyond the bookable range (docs/api.md, value ranges)";
        }

        if (amount > 0m)
        {
            return null;
        }

        var snapshot = _valuation.Snapshot(book, nowMs);
        if (snapshot.Pricing == PriceState.Missing)
        {
            return $"a withdrawal needs the free margin, and account {book.Account.AccountId} cannot be valued now: a position's symbol or its conversion to {book.Account.Currency} has no quote";
        }

        return snapshot.FreeMargin + amount < 0m
            ? $"a withdrawal of {Format(-amount)} exceeds the free margin {Format(snapshot.FreeMargin)}"
            : null;
    }

    /// <summary>Switches an account between ACTIVE, REDUCING and HALTED. Returns false for an unknown account.</summary>
    public bool SetTradingState(long accountId, AccountTradingState state, long nowMs)
    {
        if (!_accounts.TryGetValue(accountId, out var book))
        {
            return false;
        }

        if (book.Account.TradingState != state)
        {
            book.Account = book.Account with { TradingState = state };
            EmitAccount(book, isNew: false, nowMs);
        }

        return true;
    }

    /// <summary>Replaces an account's risk limits. Returns false for an unknown account.</summary>
    public bool SetLimits(long accountId, AccountLimits limits, long nowMs)
    {
        if (!_accounts.TryGetValue(accountId, out var book))
        {
            return false;
        }

        if (book.Account.Limits != limits)
        {
            book.Account = book.Account with { Limits = limits };
            EmitAccount(book, isNew: false, nowMs);
        }

        return true;
    }

    /// <summary>
    /// The next free account number: one above the highest, or, once the highest is
    /// <see cref="ValueRanges.MaxLiveAccountId"/>, the lowest free number from 1001 up (so numbering never overflows,
    /// never gets stuck, and never gives a backtest account's id).
    /// </summary>
    public long NextAccountId() => NextAccountId(1001, ValueRanges.MaxLiveAccountId);

    /// <summary>
    /// The next free account number in [<paramref name="first"/>, <paramref name="last"/>] (an instance's range when
    /// accounts are spread over instances): one above the highest in the range, or the lowest free one once the
    /// highest is <paramref name="last"/>.
    /// </summary>
    public long NextAccountId(long first, long last)
    {
        var highest = _accounts.Keys.Where(id => id >= first && id <= last).DefaultIfEmpty(first - 1).Max();
        if (highest < last)
        {
            return highest + 1;
        }

        for (var candidate = first; candidate <= last; candidate++)
        {
            if (!_accounts.ContainsKey(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"every account number of {first}..{last} is taken");
    }

    /// <summary>Applies an operator's change. The margin mode can change only before the account's first order.</summary>
    public AdminOutcome UpdateAccount(long accountId, AccountUpdate update, long nowMs)
    {
        if (!_accounts.TryGetValue(accountId, out var book))
        {
            return AdminOutcome.Missing(accountId);
        }

        if (book.Account.Closed)
        {
            return AdminOutcome.Refused($"account {accountId} is closed");
        }

        if (update.Leverage is < 1 or > ValueRanges.MaxLeverage)
        {
            return AdminOutcome.Refused($"leverage must be 1..{ValueRanges.MaxLeverage}");
        }

        if (update.Commissions is { } rules && rules.Any(rule => rule.Amount < 0m || !ValueRanges.IsMoney(rule.Amount)))
        {
            return AdminOutcome.Refused("a commission amount is out of range (docs/api.md, value ranges)");
        }

        if (update.MarginMode is { } mode && mode != book.Account.MarginMode && (book.OrdersByClientId.Count > 0 || book.ForgottenThrough > 0))
        {
            return AdminOutcome.Refused("the margin mode can change only before the account's first order");
        }

        if (update.Venue is var (venue, login) && VenueRefusal(accountId, venue, login) is { } venueRefusal)
        {
            return AdminOutcome.Refused(venueRefusal);
        }

        var updated = book.Account with
        {
            Name = update.Name ?? book.Account.Name,
            Leverage = update.Leverage ?? book.Account.Leverage,
            MarginMode = update.MarginMode ?? book.Account.MarginMode,
            Limits = update.Limits ?? book.Account.Limits,
            TradingState = update.TradingState ?? book.Account.TradingState,
            StopOutMode = update.Levels?.Mode ?? book.Account.StopOutMode,
            MarginCallLevel = update.Levels?.MarginCall ?? book.Account.MarginCallLevel,
            StopOutLevel = update.Levels?.StopOut ?? book.Account.StopOutLevel,
            Commissions = update.Commissions ?? book.Account.Commissions,
            Venue = update.Venue?.Venue ?? book.Account.Venue,
            Mt5Login = update.Venue?.Mt5Login ?? book.Account.Mt5Login,
        };
        if (updated != book.Account)
        {
            var before = book.Account;
            book.Account = updated;
            EmitAccount(book, isNew: false, nowMs);
            IndexVenue(book, before, nowMs);
            UpdateMarginCall(book, nowMs);
        }

        return new AdminOutcome { Account = _valuation.Snapshot(book, nowMs) };
    }

    /// <summary>Closes an account with no open positions and no working orders; it never trades again.</summary>
    public AdminOutcome CloseAccount(long accountId, long nowMs)
    {
        if (!_accounts.TryGetValue(accountId, out var book))
        {
            return AdminOutcome.Missing(accountId);
        }

        if (book.Positions.Count > 0 || book.OpenOrders.Count > 0)
        {
            return AdminOutcome.Refused($"account {accountId} still has {book.Positions.Count} positions and {book.OpenOrders.Count} working orders");
        }

        if (!book.Account.Closed)
        {
            var before = book.Account;
            book.Account = book.Account with { Closed = true, TradingState = AccountTradingState.Halted };
            IndexVenue(book, before, nowMs);
            EmitAccount(book, isNew: false, nowMs);
        }

        return new AdminOutcome { Account = _valuation.Snapshot(book, nowMs) };
    }

    /// <summary>Deposit or withdrawal with the reason when refused (see <see cref="ChangeBalance"/>).</summary>
    public AdminOutcome AdjustBalance(long accountId, decimal amount, string comment, long nowMs)
    {
        if (!_accounts.TryGetValue(accountId, out var book))
        {
            return AdminOutcome.Missing(accountId);
        }

        if (book.Account.Closed)
        {
            return AdminOutcome.Refused($"account {accountId} is closed");
        }

        if (BalanceRefusal(book, amount, nowMs) is { } refusal)
        {
            return AdminOutcome.Refused(refusal);
        }

        var deal = BookBalance(book, amount, comment, nowMs);
        return new AdminOutcome { Account = _valuation.Snapshot(book, nowMs), Deal = deal };
    }

    /// <summary>
    /// Adds a symbol or replaces its specification. Working orders, positions and the last quote stay; the new
    /// rules apply from the next request. A symbol that starts charging swap at <paramref name="nowMs"/> charges its
    /// open positions from then on, not for the nights before.
    /// </summary>
    /// <param name="spec">The specification.</param>
    /// <param name="nowMs">The engine's time (when swap starts, if it does).</param>
    public void UpsertSymbol(SymbolSpec spec, long nowMs = 0)
    {
        if (SymbolSpecRules.Problems(spec) is [var (field, problem), ..])
        {
            throw new ArgumentException($"symbol spec {field}: {problem}", nameof(spec));
        }

        if (_symbols.TryGetValue(spec.Name, out var existing))
        {
            var startsSwaps = existing.Spec.SwapMode == SwapMode.Disabled && spec.SwapMode != SwapMode.Disabled;
            existing.Spec = spec;
            if (startsSwaps)
            {
                StartSwaps(existing, nowMs);
            }
        }
        else
        {
            _symbols.Add(spec.Name, new SymbolBook(spec));
        }

        _rates.MarketChanged();
        _nextRolloverMs = long.MinValue; // a new server offset moves the symbol's midnights
        UnscreenAll();
    }

    /// <summary>
    /// Marks a symbol's quotes stale (its feed went silent or down) or fresh; while stale, new market orders on it
    /// are refused with PRICE_OFF. The next tick of the symbol clears the mark. Returns false for an unknown symbol.
    /// </summary>
    public bool SetQuoteStale(string symbol, bool stale)
    {
        if (!_symbols.TryGetValue(symbol, out var book))
        {
            return false;
        }

        book.QuoteStale = stale;
        return true;
    }

    private Deal BookBalance(AccountBook book, decimal amount, string comment, long nowMs)
    {
        var deal = DealFactory.Balance(NextDealTicket(), book.Account.AccountId, amount, comment, nowMs);
        book.Account = book.Account with { Balance = book.Account.Balance + amount };
        EmitDeal(deal);
        EmitAccount(book, isNew: false, nowMs);
        UpdateMarginCall(book, nowMs);
        return deal;
    }
}
