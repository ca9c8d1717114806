namespace TradingCore.Engine.Domain;

/// <summary>Where an account's orders execute (docs/mt5-routing.md); numbers match the trading.v1 contract.</summary>
public enum AccountVenue
{
    /// <summary>The core's own book, filling at the feed's bid/ask (the default).</summary>
    Internal = 1,

    /// <summary>An MT5 trade server, through the bridge EA of the terminal logged into the account's MT5 login.</summary>
    Mt5 = 2,
}
