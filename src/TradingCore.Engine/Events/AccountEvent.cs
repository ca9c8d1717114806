using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Events;

/// <summary>An account was created or its balance or settings changed.</summary>
/// <param name="Sequence">Global event sequence.</param>
/// <param name="AccountId">The account.</param>
/// <param name="TimeMs">When the engine made the change, UTC epoch ms.</param>
/// <param name="Snapshot">The account with its figures computed at the event.</param>
/// <param name="IsNew">True when the account was created by this event.</param>
public sealed record AccountEvent(ulong Sequence, long AccountId, long TimeMs, AccountSnapshot Snapshot, bool IsNew)
    : EngineEvent(Sequence, AccountId, TimeMs);
