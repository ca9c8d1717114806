using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Commands;

/// <summary>MT5's answer to a routed request (MqlTradeResult), as the terminal's EA reported it.</summary>
/// <param name="Login">The terminal's MT5 login.</param>
/// <param name="OrderTicket">The core order ticket (the request id).</param>
/// <param name="Retcode">MT5's return code.</param>
/// <param name="Mt5OrderTicket">MT5's order ticket (result.order), 0 when MT5 made none.</param>
/// <param name="Comment">MT5's comment on the result (result.comment).</param>
/// <param name="Bid">MT5's bid when it requoted (result.bid), else null.</param>
/// <param name="Ask">MT5's ask when it requoted (result.ask), else null.</param>
public sealed record VenueResult(long Login, ulong OrderTicket, TradeRetcode Retcode, ulong Mt5OrderTicket, string Comment, decimal? Bid = null, decimal? Ask = null)
{
    /// <summary>The volume MT5 confirmed (result.volume), when reported: below the order's, an IOC/FOK order's rest is cancelled.</summary>
    public decimal? Volume { get; init; }

    /// <summary>MT5 accepted the request (10008 PLACED, 10009 DONE, 10010 DONE_PARTIAL): deals follow.</summary>
    public bool Accepted => Retcode is TradeRetcode.Placed or TradeRetcode.Done or TradeRetcode.DonePartial;
}
