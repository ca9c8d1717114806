using TradingCore.Engine.Commands;
using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Core;

/// <summary>
/// What a query may see of the engine: reads only. The query lane (<see cref="Loop.ITradingEngine.QueryAsync{T}"/>)
/// hands a query this view and nothing else, so a state change on that lane does not compile; changes go through
/// the durable lane, whose reply waits for their events to be journaled.
/// </summary>
public interface IEngineView
{
    /// <summary>Sequence number of the last event produced.</summary>
    ulong LastSequence { get; }

    /// <summary>Decided orders the idempotency window holds in memory (working orders are not counted).</summary>
    int RememberedDecidedOrders { get; }

    /// <summary>Whether the account exists.</summary>
    bool HasAccount(long accountId);

    /// <summary>Account with live figures, or null when it does not exist.</summary>
    AccountSnapshot? GetAccount(long accountId, long nowMs);

    /// <summary>All accounts with live figures, by account id.</summary>
    IReadOnlyList<AccountSnapshot> ListAccounts(long nowMs);

    /// <summary>Open positions of an account (optionally one symbol) with their floating profit, by ticket; null when the account does not exist.</summary>
    IReadOnlyList<PositionView>? ListPositions(long accountId, string? symbol);

    /// <summary>One open position, or null.</summary>
    PositionView? GetPosition(long accountId, ulong ticket);

    /// <summary>Working orders of an account, by ticket; null when the account does not exist.</summary>
    IReadOnlyList<Order>? ListOpenOrders(long accountId);

    /// <summary>An order by ticket or client order id from the engine's memory (working orders and the idempotency index).</summary>
    Order? FindOrder(long accountId, ulong ticket, string? clientOrderId);

    /// <summary>The latest tick of a symbol, or null before the first one.</summary>
    Tick? LastTick(string symbol);

    /// <summary>What an order would do now (MT5 OrderCheck): its checks and the margin after it, changing nothing.</summary>
    CheckOutcome Check(OrderRequest request, long nowMs);
}
