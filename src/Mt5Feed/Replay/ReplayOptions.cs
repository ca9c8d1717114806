namespace TradingCore.Mt5Feed.Replay;

/// <summary>Settings of the tick-export replay feed (config section TradingCore:Feed:Replay).</summary>
public sealed class ReplayOptions
{
    /// <summary>Path of an MT5 tick or bar export, or an NDJSON tick recording. Required when the feed kind is Replay.</summary>
    public string File { get; set; } = "";

    /// <summary>The file's format; Auto decides from its first line.</summary>
    public ReplayFormat Format { get; set; } = ReplayFormat.Auto;

    /// <summary>Bar length in minutes for bar exports; 0 = from the file name (M1..H4, Daily, Weekly) or the bar spacing.</summary>
    public int BarMinutes { get; set; }

    /// <summary>Symbol of the ticks; empty = taken from the file name (the part before the first '_').</summary>
    public string Symbol { get; set; } = "";

    /// <summary>
    /// Trade server's offset from UTC in seconds (MT5 exports are in server time), e.g. 7200. For NDJSON recordings,
    /// 0 means "use the recording's hello line".
    /// </summary>
    public int ServerUtcOffsetSeconds { get; set; }

    /// <summary>Replay speed: 1 = real time, 10 = ten times faster, 0 = as fast as the engine accepts.</summary>
    public decimal Speed { get; set; } = 1m;

    /// <summary>Start again from the top when the file ends.</summary>
    public bool Loop { get; set; }

    /// <summary>Shift tick times so the first tick of each pass is "now" (keeps times current and increasing).</summary>
    public bool RebaseTime { get; set; } = true;
}
