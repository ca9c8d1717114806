using TradingCore.Engine.Commands;
using TradingCore.Engine.Domain;

namespace TradingCore.Mt5Feed.Bridge;

/// <summary>
/// Where a terminal's trading reports go (protocol v2, docs/mt5-routing.md): its link, MT5's results and MT5's deals.
/// Called from the session's thread, one report at a time and in the order the terminal sent them; each call completes
/// when the report is applied (and durable), so a session's reports are applied in order.
/// </summary>
public interface ITradeObserver
{
    /// <summary>The terminal of <paramref name="login"/> connected, changed AutoTrading, or went away.</summary>
    Task LinkChangedAsync(long login, VenueLink link);

    /// <summary>MT5's answer to a request the core sent.</summary>
    Task ResultAsync(VenueResult result);

    /// <summary>A deal on the terminal's account (the core's own, or external).</summary>
    Task DealAsync(VenueDeal deal);

    /// <summary>An order's state on the MT5 server that no result or deal tells (placed, cancelled, expired, rejected).</summary>
    Task OrderStateAsync(long login, ulong mt5OrderTicket, ulong orderTicket, OrderState state);

    /// <summary>A position's SL/TP as MT5 now holds them.</summary>
    Task PositionStopsAsync(long login, ulong mt5PositionId, decimal? stopLoss, decimal? takeProfit);

    /// <summary>Where the terminal's sweep of MT5's deal history starts, UTC ms (0: all of it; -1: no account is routed to the login).</summary>
    Task<long> SyncFromAsync(long login);

    /// <summary>The end of the terminal's sweep: MT5's positions and balance, for the account to agree with.</summary>
    Task ReconcileAsync(VenueSync sync);
}
