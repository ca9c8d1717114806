namespace TradingCore.Engine.Domain;

/// <summary>An account with its live figures computed at one moment. Money in the account currency.</summary>
/// <param name="Account">Settings and balance.</param>
/// <param name="Equity">Balance + credit + floating profit.</param>
/// <param name="Profit">Floating profit of open positions.</param>
/// <param name="Margin">Margin used by open positions.</param>
/// <param name="FreeMargin">Equity - margin.</param>
/// <param name="MarginLevel">Equity / margin * 100 in percent; null when no margin is used.</param>
/// <param name="TimeMs">When computed, UTC epoch ms.</param>
public sealed record AccountSnapshot(
    Account Account,
    decimal Equity,
    decimal Profit,
    decimal Margin,
    decimal FreeMargin,
    decimal? MarginLevel,
    long TimeMs)
{
    /// <summary>
    /// How the figures are priced. Missing: a figure could not be computed (no quote for a position's symbol or its
    /// conversion, or beyond range); Equity, Profit, Margin, FreeMargin and MarginLevel are then not meaningful.
    /// </summary>
    public PriceState Pricing { get; init; } = PriceState.Live;

    /// <summary>Routed accounts: the link to the MT5 terminal (docs/mt5-routing.md); null for the internal venue.</summary>
    public VenueLinkState? VenueState { get; init; }
}
