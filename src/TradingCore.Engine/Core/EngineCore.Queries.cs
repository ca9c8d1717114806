using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Core;

public sealed partial class EngineCore
{
    /// <summary>Whether the account exists.</summary>
    public bool HasAccount(long accountId) => _accounts.ContainsKey(accountId);

    /// <summary>Account with live figures, or null when it does not exist.</summary>
    public AccountSnapshot? GetAccount(long accountId, long nowMs) =>
        _accounts.TryGetValue(accountId, out var book) ? _valuation.Snapshot(book, nowMs) : null;

    /// <summary>All accounts with live figures, by account id.</summary>
    public IReadOnlyList<AccountSnapshot> ListAccounts(long nowMs) =>
        [.. _accounts.Values.OrderBy(book => book.Account.AccountId).Select(book => _valuation.Snapshot(book, nowMs))];

    /// <summary>Open positions of an account (optionally one symbol) with their floating profit, by ticket.</summary>
    public IReadOnlyList<PositionView>? ListPositions(long accountId, string? symbol)
    {
        if (!_accounts.TryGetValue(accountId, out var book))
        {
            return null;
        }

        var views = new List<PositionView>(book.Positions.Count);
        foreach (var position in book.Positions.Values)
        {
            if (string.IsNullOrEmpty(symbol) || string.Equals(position.Symbol, symbol, StringComparison.Ordinal))
            {
                views.Add(View(book, position));
            }
        }

        views.Sort((a, b) => a.Position.Ticket.CompareTo(b.Position.Ticket));
        return views;
    }

    /// <summary>One open position, or null.</summary>
    public PositionView? GetPosition(long accountId, ulong ticket) =>
        _accounts.TryGetValue(accountId, out var book) && book.Positions.TryGetValue(ticket, out var position)
            ? View(book, position)
            : null;

    /// <summary>Working orders of an account, by ticket; null when the account does not exist.</summary>
    public IReadOnlyList<Order>? ListOpenOrders(long accountId) =>
        _accounts.TryGetValue(accountId, out var book) ? [.. book.OpenOrders.Values.OrderBy(order => order.Ticket)] : null;

    /// <summary>An order by ticket or client order id from the engine's memory (working orders and the idempotency index).</summary>
    public Order? FindOrder(long accountId, ulong ticket, string? clientOrderId)
    {
        if (!_accounts.TryGetValue(accountId, out var book))
        {
            return null;
        }

        if (ticket != 0)
        {
            return book.OpenOrders.GetValueOrDefault(ticket);
        }

        return clientOrderId is not null ? book.OrdersByClientId.GetValueOrDefault(clientOrderId) : null;
    }

    /// <summary>The latest tick of a symbol, or null before the first one.</summary>
    public Tick? LastTick(string symbol) =>
        _symbols.TryGetValue(symbol, out var book) && book.HasTick ? book.LastTick : null;

    private PositionView View(AccountBook book, Position position)
    {
        var (profit, pricing) = _valuation.FloatingProfit(book.Account, position);
        return new(position, _valuation.ClosePrice(position), profit, pricing);
    }
}
