namespace TradingCore.Engine.Domain;

/// <summary>How a deal changes a position (MT5 ENUM_DEAL_ENTRY).</summary>
public enum DealEntry
{
    In = 1,
    Out = 2,
    InOut = 3,
    OutBy = 4,
}
