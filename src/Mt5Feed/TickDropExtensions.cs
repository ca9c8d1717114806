namespace TradingCore.Mt5Feed;

/// <summary>Words for a <see cref="TickDrop"/>.</summary>
public static class TickDropExtensions
{
    /// <summary>"duplicate tick" or "out-of-order tick", as logs and observers without <see cref="IFeedObserver.Dropped"/> see it.</summary>
    public static string Describe(this TickDrop drop) => drop == TickDrop.Duplicate ? "duplicate tick" : "out-of-order tick";
}
