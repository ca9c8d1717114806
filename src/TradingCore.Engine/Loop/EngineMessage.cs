using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Loop;

/// <summary>One input of the engine loop: a tick, a command, or a clock pulse. A struct so ticks travel without allocation.</summary>
internal readonly struct EngineMessage
{
    private EngineMessage(in Tick tick, EngineCommand? command, bool isClock, long timestamp)
    {
        Tick = tick;
        Command = command;
        IsClock = isClock;
        Timestamp = timestamp;
    }

    public Tick Tick { get; }

    public EngineCommand? Command { get; }

    public bool IsClock { get; }

    /// <summary>Stopwatch timestamp of when the message was handed to the engine (metrics only).</summary>
    public long Timestamp { get; }

    /// <param name="tick">The tick.</param>
    /// <param name="timestamp">Stopwatch timestamp of the hand-over, or 0 when nobody measures.</param>
    public static EngineMessage ForTick(in Tick tick, long timestamp) => new(tick, null, false, timestamp);

    public static EngineMessage ForCommand(EngineCommand command, long timestamp) => new(default, command, false, timestamp);

    public static EngineMessage Clock() => new(default, null, true, 0);
}
