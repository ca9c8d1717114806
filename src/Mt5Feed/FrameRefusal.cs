namespace TradingCore.Mt5Feed;

/// <summary>
/// The kinds of single frames a feed refuses for their values while the connection goes on; each is the label the
/// refusals are counted under (metric `tradingcore_feed_refused_total{kind}`).
/// </summary>
public static class FrameRefusal
{
    /// <summary>A tick with a value outside the documented ranges.</summary>
    public const string TickOutOfRange = "tick_out_of_range";

    /// <summary>A symbol specification outside the ranges the Admin API admits.</summary>
    public const string SymbolOutOfRange = "symbol_out_of_range";

    /// <summary>A tick of a symbol whose specification was refused.</summary>
    public const string SymbolRefused = "symbol_refused";
}
