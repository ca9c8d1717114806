using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Commands;

/// <summary>
/// What storage held for a client order id the engine had forgotten (see <see cref="OutcomeKind.RecallNeeded"/>):
/// the stored order, or null when there is none, read after storage held every event up to
/// <paramref name="CheckedThrough"/>. The engine accepts it only when it has forgotten nothing of the account
/// after that point; otherwise it asks again.
/// </summary>
/// <param name="CheckedThrough">The event sequence storage had reached before it was read (the outcome's <see cref="TradeOutcome.RecallThrough"/>).</param>
/// <param name="Order">The stored order with that client order id on that account, or null.</param>
public sealed record StoredRecall(ulong CheckedThrough, Order? Order);
