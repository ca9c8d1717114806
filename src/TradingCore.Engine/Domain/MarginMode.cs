namespace TradingCore.Engine.Domain;

/// <summary>Account margin mode (MT5 ENUM_ACCOUNT_MARGIN_MODE).</summary>
public enum MarginMode
{
    RetailNetting = 1,
    Exchange = 2,
    RetailHedging = 3,
}
