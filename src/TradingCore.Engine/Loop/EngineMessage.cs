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

    public static EngineMessage ForTick(in Tick tick) => new(tick, null, false, System.Diagnostics.Stopwatch.GetTimestamp());

    public static EngineMessage ForCommand(EngineCommand command) => new(default, command, false, System.Diagnostics.Stopwatch.GetTimestamp());

    public static EngineMessage Clock() => new(default, null, true, 0);
}
