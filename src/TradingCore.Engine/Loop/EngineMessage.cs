using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Loop;

/// <summary>One input of the engine loop: a tick, a command, or a clock pulse. A struct so ticks travel without allocation.</summary>
internal readonly struct EngineMessage
{
    private EngineMessage(in Tick tick, EngineCommand? command, bool isClock)
    {
        Tick = tick;
        Command = command;
        IsClock = isClock;
    }

    public Tick Tick { get; }

    public EngineCommand? Command { get; }

    public bool IsClock { get; }

    public static EngineMessage ForTick(in Tick tick) => new(tick, null, false);

    public static EngineMessage ForCommand(EngineCommand command) => new(default, command, false);

    public static EngineMessage Clock() => new(default, null, true);
}
