using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Commands;

/// <summary>
/// A request the engine decided to send to an MT5 terminal (an engine output, delivered after its journal commit).
/// The request id on the wire is the core order ticket (<see cref="Order"/>'s): MT5's result names it.
/// </summary>
/// <param name="Login">The terminal's MT5 login.</param>
/// <param name="Action">What is asked.</param>
/// <param name="Order">The order: as journaled (Deal, Pending, Remove), or with the prices it is to have (Modify).</param>
public sealed record VenueRequest(long Login, VenueAction Action, Order Order)
{
    /// <summary>Modify and Remove: MT5's ticket of the pending order.</summary>
    public ulong Mt5OrderTicket { get; init; }

    /// <summary>Deal on a hedging account: the MT5 position the order closes; 0 to open one (or netting).</summary>
    public ulong Mt5PositionId { get; init; }

    /// <summary>CloseBy: the opposite MT5 position (MqlTradeRequest.position_by).</summary>
    public ulong Mt5PositionById { get; init; }

    /// <summary>Deal: the price the client expected (with <see cref="DeviationPoints"/>), or null.</summary>
    public decimal? Price { get; init; }

    /// <summary>Deal: the slippage the client accepts, in points (MqlTradeRequest.deviation).</summary>
    public uint DeviationPoints { get; init; }
}
