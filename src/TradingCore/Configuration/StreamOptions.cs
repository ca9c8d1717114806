namespace TradingCore.Configuration;

/// <summary>Per-subscriber buffers of server streams (TradingCore:Streams).</summary>
public sealed class StreamOptions
{
    /// <summary>Tick buffer per subscriber when the request names none.</summary>
    public int DefaultTickBuffer { get; set; } = 1_024;

    /// <summary>Largest tick buffer a subscriber may ask for.</summary>
    public int MaxTickBuffer { get; set; } = 65_536;

    /// <summary>Trade events buffered per subscriber; a consumer further behind is disconnected (RESOURCE_EXHAUSTED).</summary>
    public int EventBuffer { get; set; } = 10_000;
}
