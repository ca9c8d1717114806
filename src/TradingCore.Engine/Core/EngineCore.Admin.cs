using TradingCore.Engine.Commands;
using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Core;

public sealed partial class EngineCore
{
    /// <summary>
    /// Creates an account with an opening balance (booked as a BALANCE deal when non-zero). Returns false when the
    /// id is taken.
    /// </summary>
    public bool CreateAccount(Account account, long nowMs)
    {
        if (_accounts.ContainsKey(account.AccountId))
        {
            return false;
        }

        var book = new AccountBook(account with { Balance = 0m, TimeCreatedMs = nowMs });
        _accounts.Add(account.AccountId, book);
        EmitAccount(book, isNew: true, nowMs);
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
        if (!_accounts.TryGetValue(accountId, out var book) || amount == 0m)
        {
            return null;
        }

        if (amount < 0m && Snapshot(book, nowMs).FreeMargin + amount < 0m)
        {
            return null;
        }

        return BookBalance(book, amount, comment, nowMs);
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

    /// <summary>The next free account number (one above the highest).</summary>
    public long NextAccountId() => _accounts.Count == 0 ? 1001 : _accounts.Keys.Max() + 1;

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

        if (update.MarginMode is { } mode && mode != book.Account.MarginMode && book.OrdersByClientId.Count > 0)
        {
            return AdminOutcome.Refused("the margin mode can change only before the account's first order");
        }

        var updated = book.Account with
        {
            Name = update.Name ?? book.Account.Name,
            Leverage = update.Leverage ?? book.Account.Leverage,
            MarginMode = update.MarginMode ?? book.Account.MarginMode,
            Limits = update.Limits ?? book.Account.Limits,
            TradingState = update.TradingState ?? book.Account.TradingState,
        };
        if (updated != book.Account)
        {
            book.Account = updated;
            EmitAccount(book, isNew: false, nowMs);
        }

        return new AdminOutcome { Account = Snapshot(book, nowMs) };
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
            book.Account = book.Account with { Closed = true, TradingState = AccountTradingState.Halted };
            EmitAccount(book, isNew: false, nowMs);
        }

        return new AdminOutcome { Account = Snapshot(book, nowMs) };
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

        var deal = ChangeBalance(accountId, amount, comment, nowMs);
        return deal is null
            ? AdminOutcome.Refused($"a withdrawal of {Format(-amount)} exceeds the free margin {Format(Snapshot(book, nowMs).FreeMargin)}")
            : new AdminOutcome { Account = Snapshot(book, nowMs), Deal = deal };
    }

    /// <summary>
    /// Adds a symbol or replaces its specification. Working orders, positions and the last quote stay; the new
    /// rules apply from the next request.
    /// </summary>
    public void UpsertSymbol(SymbolSpec spec)
    {
        if (_symbols.TryGetValue(spec.Name, out var existing))
        {
            existing.Spec = spec;
        }
        else
        {
            _symbols.Add(spec.Name, new SymbolBook(spec));
        }
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
        var deal = new Deal
        {
            Ticket = NextDealTicket(),
            AccountId = book.Account.AccountId,
            Type = DealType.Balance,
            Profit = amount,
            TimeMs = nowMs,
            Comment = comment,
            Reason = TradeReason.Client,
        };
        book.Account = book.Account with { Balance = book.Account.Balance + amount };
        EmitDeal(deal);
        EmitAccount(book, isNew: false, nowMs);
        return deal;
    }
}
