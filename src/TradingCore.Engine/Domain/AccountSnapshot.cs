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
    long TimeMs);
