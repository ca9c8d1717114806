namespace TradingCore.Engine.Loop;

/// <summary>
/// Where the engine hands its output. Called only from the engine thread, in order. An implementation may block
/// when it is full: that is the engine's backpressure from persistence.
/// </summary>
public interface IEngineOutbox
{
    /// <summary>Hands one step's events (and the reply waiting on them) to persistence; blocks while the outbox is full.</summary>
    void Enqueue(OutboxEntry entry);

    /// <summary>
    /// The last event sequence whose orders queryable storage holds (the engine forgets decided orders from its
    /// idempotency window only up to it); 0, the default, when nothing is stored.
    /// </summary>
    ulong StoredThrough => 0;
}
