namespace TradingCore.Mt5Feed.Replay;

/// <summary>What a replay file holds.</summary>
public enum ReplayFormat
{
    /// <summary>Decide from the content: a JSON line, a tick export header or a bar export header.</summary>
    Auto = 0,

    /// <summary>MT5 tick export (&lt;DATE&gt; &lt;TIME&gt; &lt;BID&gt; &lt;ASK&gt; &lt;LAST&gt; &lt;VOLUME&gt; &lt;FLAGS&gt;).</summary>
    Ticks = 1,

    /// <summary>MT5 bar export (9-column intraday or 8-column daily/weekly); ticks are generated inside each bar.</summary>
    Bars = 2,

    /// <summary>NDJSON tick recording (one JSON tick per line).</summary>
    Ndjson = 3,
}
