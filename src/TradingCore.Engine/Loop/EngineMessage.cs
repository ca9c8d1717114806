namespace TradingCore.Engine.Loop;

/// <summary>
/// One input of the engine loop: a command, a clock pulse, or "ticks of this symbol are waiting" (the ticks
/// themselves wait in the <see cref="TickConflator"/>). A struct so it travels without allocation.
/// </summary>
internal readonly struct EngineMessage
{
    private EngineMessage(string? tickSymbol, EngineCommand? command, bool isClock, long timestamp)
    {
        TickSymbol = tickSymbol;
        Command = command;
        IsClock = isClock;
        Timestamp = timestamp;
    }

    /// <summary>The symbol whose waiting ticks to apply, or null.</summary>
    public string? TickSymbol { get; }

    public EngineCommand? Command { get; }

    public bool IsClock { get; }

    /// <summary>Stopwatch timestamp of when the message was handed to the engine (metrics only).</summary>
    public long Timestamp { get; }

    public static EngineMessage ForTicks(string symbol) => new(symbol, null, false, 0);

    public static EngineMessage ForCommand(EngineCommand command, long timestamp) => new(null, command, false, timestamp);

    public static EngineMessage Clock() => new(null, null, true, 0);
}
