using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Core;

/// <summary>
/// A position with its current close-side price and floating profit (account currency). When
/// <see cref="Pricing"/> is Missing the profit is not known (no quote or conversion) and reads 0 here.
/// </summary>
public sealed record PositionView(Position Position, decimal? PriceCurrent, decimal Profit, PriceState Pricing = PriceState.Live);
