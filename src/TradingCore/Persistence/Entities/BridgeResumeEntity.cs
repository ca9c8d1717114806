namespace TradingCore.Persistence.Entities;

/// <summary>
/// Row of table bridge_resume: the last tick accepted from an MT5 terminal for a symbol (trade-server time, as the
/// terminal sent it), so a terminal that reconnects after a restart backfills from where the core stopped.
/// </summary>
internal sealed class BridgeResumeEntity
{
    public long Login { get; set; }

    public string Symbol { get; set; } = "";

    public long TimeMsc { get; set; }

    public decimal Bid { get; set; }

    public decimal Ask { get; set; }

    public decimal Last { get; set; }

    public decimal Volume { get; set; }

    public long Flags { get; set; }
}
