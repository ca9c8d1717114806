using TradingCore.Engine.Domain;

namespace TradingCore.Mt5Feed.Bridge;

/// <summary>A message from the MT5 Expert Advisor (see docs/mt5-bridge-protocol.md).</summary>
public abstract record BridgeMessage;

/// <summary>Authenticates the terminal and announces its account.</summary>
/// <param name="Version">Protocol version (1: prices; 2: prices and order routing).</param>
/// <param name="Secret">The shared secret configured for this login.</param>
/// <param name="Login">MT5 account number.</param>
/// <param name="Server">Trade server name.</param>
/// <param name="Currency">Deposit currency.</param>
/// <param name="MarginMode">MT5 ACCOUNT_MARGIN_MODE: 0 netting, 1 exchange, 2 hedging.</param>
/// <param name="ServerUtcOffsetSeconds">Trade-server time minus UTC, seconds.</param>
/// <param name="Terminal">Terminal description, for logs.</param>
public sealed record BridgeHello(int Version, string Secret, long Login, string Server, string Currency, int MarginMode, int ServerUtcOffsetSeconds, string Terminal)
    : BridgeMessage
{
    /// <summary>v2: AutoTrading is on (absent: on; a v1 terminal never trades).</summary>
    public bool TradeAllowed { get; init; } = true;
}

/// <summary>A symbol's specification, mapped from MT5 SYMBOL_* properties.</summary>
public sealed record BridgeSymbol(SymbolSpec Spec) : BridgeMessage;

/// <summary>One MqlTick; <paramref name="TimeMsc"/> is in trade-server time.</summary>
public sealed record BridgeTick(string Symbol, long TimeMsc, decimal Bid, decimal Ask, decimal Last, decimal Volume, uint Flags) : BridgeMessage;

/// <summary>Liveness while the market is quiet; <paramref name="TimeMsc"/> is in trade-server time.</summary>
public sealed record BridgeHeartbeat(long TimeMsc) : BridgeMessage;

/// <summary>Orderly close.</summary>
public sealed record BridgeBye : BridgeMessage;

/// <summary>v2: AutoTrading changed in the terminal (TERMINAL_TRADE_ALLOWED and MQL_TRADE_ALLOWED).</summary>
public sealed record BridgeTradeState(bool TradeAllowed) : BridgeMessage;

/// <summary>v2: MT5's answer to an order request (MqlTradeResult); the login is the session's.</summary>
public sealed record BridgeOrderResult(TradingCore.Engine.Commands.VenueResult Result) : BridgeMessage;

/// <summary>v2 sweep: one open position of the MT5 account; the login is the session's.</summary>
public sealed record BridgePosition(TradingCore.Engine.Commands.VenuePosition Position) : BridgeMessage;

/// <summary>v2 sweep: one open (pending) order of the MT5 account: its ticket and the core ticket its tag names (0: none).</summary>
public sealed record BridgeOpenOrder(ulong Mt5OrderTicket, ulong OrderTicket) : BridgeMessage;

/// <summary>v2: an order's state on the MT5 server that no result or deal tells (placed, cancelled, expired, rejected).</summary>
public sealed record BridgeOrderState(ulong Mt5OrderTicket, ulong OrderTicket, TradingCore.Engine.Domain.OrderState State) : BridgeMessage;

/// <summary>v2: a position's SL/TP as MT5 now holds them (TRADE_TRANSACTION_POSITION: changed not by a deal).</summary>
public sealed record BridgePositionStops(ulong Mt5PositionId, decimal? StopLoss, decimal? TakeProfit) : BridgeMessage;

/// <summary>v2 sweep: a core order the EA sent and has no result for yet.</summary>
public sealed record BridgeInFlight(ulong OrderTicket) : BridgeMessage;

/// <summary>v2 sweep: its end, with the MT5 account's balance.</summary>
public sealed record BridgeSyncEnd(decimal Balance) : BridgeMessage;

/// <summary>v2: a deal on the terminal's account (HistoryDeal* properties); the login is the session's. Null: not a buy or sell (a balance operation).</summary>
public sealed record BridgeDeal(TradingCore.Engine.Commands.VenueDeal? Deal) : BridgeMessage;
