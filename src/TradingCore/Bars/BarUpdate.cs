using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Bars;

/// <summary>A bar as it is now; <paramref name="Closed"/> when it will not change again.</summary>
internal sealed record BarUpdate(string Symbol, Wire.Timeframe Timeframe, Wire.Bar Bar, bool Closed);
