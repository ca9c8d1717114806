namespace TradingCore.Engine.Domain;

/// <summary>What a terminal's bridge session reports about its link: connected or not, AutoTrading, and its account.</summary>
/// <param name="Connected">A session for the login is open (hello accepted).</param>
/// <param name="TradeAllowed">AutoTrading is on in the terminal and for the EA (TERMINAL_TRADE_ALLOWED and MQL_TRADE_ALLOWED).</param>
/// <param name="Currency">The terminal account's deposit currency (the hello's).</param>
/// <param name="MarginMode">The terminal account's margin mode (the hello's).</param>
public sealed record VenueLink(bool Connected, bool TradeAllowed, string Currency, MarginMode MarginMode)
{
    /// <summary>No session.</summary>
    public static VenueLink Down { get; } = new(false, false, "", MarginMode.RetailNetting);
}
