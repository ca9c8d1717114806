using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Core;

/// <summary>A position with its current close-side price and floating profit (account currency).</summary>
public sealed record PositionView(Position Position, decimal? PriceCurrent, decimal Profit);
