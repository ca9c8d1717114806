namespace TradingCore.Engine.Events;

/// <summary>
/// A change to trading state, in the order the engine made it. <see cref="Sequence"/> is global and strictly
/// increasing across all accounts and survives restarts.
/// </summary>
public abstract record EngineEvent(ulong Sequence, long AccountId, long TimeMs);
