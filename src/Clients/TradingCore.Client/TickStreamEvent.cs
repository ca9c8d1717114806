using TradingCore.Contracts.V1;

namespace TradingCore.Client;

/// <summary>
/// What a resilient tick stream yields. Switch on the type: ticks, plus everything a bot must not miss silently
/// (lost ticks, feed health, the stream dropping and coming back).
/// </summary>
public abstract record TickStreamEvent;

/// <summary>A tick (a snapshot tick when <see cref="Tick.Snapshot"/>: the latest price when the stream (re)started).</summary>
public sealed record TickReceived(Tick Tick) : TickStreamEvent;

/// <summary>
/// Ticks of <paramref name="Symbol"/> were not delivered: conflated or dropped while the client was behind, or
/// published while it was disconnected. <paramref name="SequenceReset"/>: the server restarted and the symbol's
/// sequence numbers started over, so <paramref name="Missed"/> is unknown (0).
/// </summary>
public sealed record TicksMissed(string Symbol, ulong Missed, bool SequenceReset) : TickStreamEvent;

/// <summary>The snapshot that opens each (re)connection is complete; live ticks follow.</summary>
public sealed record SnapshotCompleted(uint TickCount) : TickStreamEvent;

/// <summary>The feed of a symbol (or the whole feed when the symbol is empty) became connected, stale or disconnected.</summary>
public sealed record FeedStatusChanged(FeedStatus Status) : TickStreamEvent;

/// <summary>
/// The stream broke (<paramref name="Error"/>); the client reconnects after <paramref name="RetryIn"/> and resumes
/// from the last sequence numbers it saw. <paramref name="Attempt"/> counts consecutive failures.
/// </summary>
public sealed record StreamInterrupted(TradingCoreException Error, int Attempt, TimeSpan RetryIn) : TickStreamEvent;

/// <summary>What to subscribe to and how the server treats the client when it falls behind.</summary>
public sealed record TickSubscription
{
    /// <summary>Symbols to stream; empty = every symbol.</summary>
    public IReadOnlyList<string> Symbols { get; init; } = [];

    /// <summary>CONFLATE (default), DROP_OLDEST or DISCONNECT.</summary>
    public TickDeliveryPolicy Policy { get; init; } = TickDeliveryPolicy.Unspecified;

    /// <summary>Server-side buffer in ticks (0 = the server's default).</summary>
    public uint BufferSize { get; init; }

    /// <summary>Sequence numbers seen before this subscription (e.g. saved by an earlier run of the bot).</summary>
    public IReadOnlyDictionary<string, ulong>? ResumeFrom { get; init; }
}
