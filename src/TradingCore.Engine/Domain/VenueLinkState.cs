namespace TradingCore.Engine.Domain;

/// <summary>
/// A routed account's link to its MT5 terminal, as the engine last heard it (an engine input, not stored: every
/// start begins <see cref="Disconnected"/>). Numbers match the trading.v1 contract.
/// </summary>
public enum VenueLinkState
{
    /// <summary>No bridge session for the login: new orders get 10031 CONNECTION.</summary>
    Disconnected = 1,

    /// <summary>The terminal is connected, its account matches and AutoTrading is on: orders are routed.</summary>
    Connected = 2,

    /// <summary>The terminal reports AutoTrading off: new orders get 10027 CLIENT_DISABLES_AT.</summary>
    TradingDisabled = 3,

    /// <summary>The terminal's account (currency, margin mode) differs from the routed account's: 10017 TRADE_DISABLED.</summary>
    Mismatch = 4,
}
