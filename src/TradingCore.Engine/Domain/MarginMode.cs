namespace TradingCore.Engine.Domain;

/// <summary>Account margin mode (MT5 ENUM_ACCOUNT_MARGIN_MODE).</summary>
public enum MarginMode
{
    /// <summary>One position per symbol; deals add to, reduce or reverse it.</summary>
    RetailNetting = 1,

    /// <summary>Exchange netting.</summary>
    Exchange = 2,

    /// <summary>A position per deal; opposite positions can coexist.</summary>
    RetailHedging = 3,
}
