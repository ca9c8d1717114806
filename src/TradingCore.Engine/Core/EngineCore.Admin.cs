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
