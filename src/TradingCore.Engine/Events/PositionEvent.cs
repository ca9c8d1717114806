using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Events;

/// <summary>A position was opened, changed or closed. Positions are keyed by <see cref="Position.Identifier"/>.</summary>
/// <param name="Sequence">Global event sequence.</param>
/// <param name="AccountId">Account of the position.</param>
/// <param name="TimeMs">When the engine made the change, UTC epoch ms.</param>
/// <param name="Position">The position's new state.</param>
/// <param name="IsNew">True when the identifier was not open before this event.</param>
/// <param name="Closed">True when the position is gone; <see cref="Position.Volume"/> is then 0.</param>
public sealed record PositionEvent(ulong Sequence, long AccountId, long TimeMs, Position Position, bool IsNew, bool Closed)
    : EngineEvent(Sequence, AccountId, TimeMs);
