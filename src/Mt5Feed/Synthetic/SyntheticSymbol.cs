namespace TradingCore.Mt5Feed.Synthetic;

/// <summary>How the synthetic feed moves one symbol: start price, step size and spread, in the symbol's ticks.</summary>
/// <param name="Symbol">Symbol name; must exist in the symbol catalog.</param>
/// <param name="StartPrice">Mid price the walk starts from and is pulled back towards.</param>
/// <param name="TickSize">Price grid of the symbol.</param>
/// <param name="MaxStepTicks">Largest move of the mid price per tick, in ticks.</param>
/// <param name="SpreadTicks">Typical spread in ticks; varies by ±1 tick.</param>
public sealed record SyntheticSymbol(string Symbol, decimal StartPrice, decimal TickSize, int MaxStepTicks, int SpreadTicks)
{
    /// <summary>The walks the default symbols follow.</summary>
    public static IReadOnlyList<SyntheticSymbol> Defaults { get; } =
    [
        new("EURUSD", 1.08500m, 0.00001m, 3, 12),
        new("GBPUSD", 1.26500m, 0.00001m, 4, 16),
        new("USDJPY", 151.500m, 0.001m, 4, 14),
        new("XAUUSD", 2350.00m, 0.01m, 15, 30),
        new("US500", 5200.00m, 0.25m, 1, 2),
    ];
}
