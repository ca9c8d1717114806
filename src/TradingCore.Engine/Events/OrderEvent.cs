using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Events;

/// <summary>An order was created or changed.</summary>
/// <param name="Sequence">Global event sequence.</param>
/// <param name="AccountId">Account of the order.</param>
/// <param name="TimeMs">When the engine made the change, UTC epoch ms.</param>
/// <param name="Order">The order's new state.</param>
/// <param name="IsNew">True the first time this order ticket appears.</param>
public sealed record OrderEvent(ulong Sequence, long AccountId, long TimeMs, Order Order, bool IsNew)
    : EngineEvent(Sequence, AccountId, TimeMs);
