using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Commands;

/// <summary>
/// An order the engine decided to send to an MT5 terminal (an engine output, delivered after its journal commit).
/// The request id on the wire is the core order ticket.
/// </summary>
/// <param name="Login">The terminal's MT5 login.</param>
/// <param name="Order">The order as journaled (state REQUEST_ADD).</param>
/// <param name="Mt5PositionId">Hedging: the MT5 position the order closes; 0 to open one (or netting).</param>
/// <param name="Price">The price the client expected (with <paramref name="DeviationPoints"/>), or null.</param>
/// <param name="DeviationPoints">The slippage the client accepts, in points (MqlTradeRequest.deviation).</param>
public sealed record VenueRequest(long Login, Order Order, ulong Mt5PositionId, decimal? Price, uint DeviationPoints);
