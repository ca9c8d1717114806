using TradingCore.Engine.Commands;
using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Core;

public sealed partial class EngineCore
{
    /// <summary>What a client order id names on an account, as far as the engine can tell.</summary>
    private enum Recalled
    {
        /// <summary>No order has this id: the request is new.</summary>
        Absent,

        /// <summary>An order has this id (in memory, or in the storage answer the request brought).</summary>
        Found,

        /// <summary>The id may belong to an order the window forgot: storage must be asked.</summary>
        Unknown,
    }

    /// <summary>Decided orders held in the idempotency index (working orders are always held).</summary>
    public int RememberedDecidedOrders => _window.Count;

    /// <summary>
    /// The ids forgotten before this start, for the host to fill from storage and then seal; until it is sealed,
    /// every id the window lacks on an account with stored orders is looked up. Null when nothing was forgotten.
    /// </summary>
    public ClientIdFilter? StoredClientIds => _window.Stored;

    /// <summary>Whether decided orders beyond the window's capacity wait to be forgotten.</summary>
    public bool IdempotencyWindowOverflows => _window.IsOverCapacity;

    /// <summary>
    /// Forgets the oldest decided orders beyond the window's capacity whose final state storage holds (every event up
    /// to <paramref name="storedThrough"/>). Changes no observable state: a forgotten id is answered from storage.
    /// </summary>
    public int ForgetDecidedOrders(ulong storedThrough) => _window.Forget(storedThrough);

    /// <summary>Records an order in the idempotency index; a decided one joins the window's queue.</summary>
    private void Remember(AccountBook book, Order order)
    {
        book.OrdersByClientId[order.ClientOrderId] = order;
        if (!order.IsWorking)
        {
            _window.Decided(book, order);
        }
    }

    /// <summary>
    /// Finds the order a client order id names on an account: in memory, in the storage answer the request brought
    /// (valid when this id was not forgotten after storage was read), or nowhere; Unknown when the id may be among
    /// the forgotten and storage was not asked (or was asked too early).
    /// </summary>
    private Recalled Recall(AccountBook book, string clientOrderId, StoredRecall? stored, out Order? order)
    {
        if (book.OrdersByClientId.TryGetValue(clientOrderId, out order))
        {
            return Recalled.Found;
        }

        if (book.ForgottenThrough == 0)
        {
            return Recalled.Absent;
        }

        // Storage read at CheckedThrough holds every order forgotten up to then; one forgotten after it is trusted
        // only when this very id was not among those forgotten since (under load the account forgets on every batch,
        // so requiring "nothing forgotten since" would ask again and again).
        if (stored is not null
            && (stored.CheckedThrough >= book.ForgottenThrough || !_window.ForgottenSince(book.Account.AccountId, clientOrderId, stored.CheckedThrough)))
        {
            order = stored.Order is { } held && held.AccountId == book.Account.AccountId && string.Equals(held.ClientOrderId, clientOrderId, StringComparison.Ordinal)
                ? held
                : null;
            return order is null ? Recalled.Absent : Recalled.Found;
        }

        return _window.MightHaveForgotten(book.Account.AccountId, clientOrderId) ? Recalled.Unknown : Recalled.Absent;
    }

    /// <summary>The answer to a request whose client order id names an existing order: the same outcome again, or a conflict.</summary>
    private static TradeOutcome Repeat(Order existing, string fingerprint, string clientOrderId) =>
        string.Equals(existing.RequestFingerprint, fingerprint, StringComparison.Ordinal)
            ? Replay(existing)
            : TradeOutcome.Conflict(clientOrderId);
}
