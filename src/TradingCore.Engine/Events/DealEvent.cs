using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Events;

/// <summary>A deal was executed.</summary>
/// <param name="Sequence">Global event sequence.</param>
/// <param name="AccountId">Account of the deal.</param>
/// <param name="TimeMs">When the engine made the change, UTC epoch ms.</param>
/// <param name="Deal">The deal.</param>
public sealed record DealEvent(ulong Sequence, long AccountId, long TimeMs, Deal Deal)
    : EngineEvent(Sequence, AccountId, TimeMs);
