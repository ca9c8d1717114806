using TradingCore.Engine.Events;

namespace TradingCore.Engine.Loop;

/// <summary>What one engine step produced: its events in sequence order, and the reply waiting for them to be durable.</summary>
/// <param name="Events">Events of the step; may be empty when only a reply is waiting.</param>
/// <param name="Reply">Reply to release after commit; null for steps driven by ticks or the clock.</param>
public sealed record OutboxEntry(EngineEvent[] Events, IDeferredReply? Reply)
{
    /// <summary>Stopwatch timestamp of when the engine decided the step (metrics: decided-to-durable time).</summary>
    public long Decided { get; init; } = System.Diagnostics.Stopwatch.GetTimestamp();

    /// <summary>Orders for MT5 terminals decided in the step: sent only after the step's events are durable.</summary>
    public Commands.VenueRequest[] VenueRequests { get; init; } = [];
}
