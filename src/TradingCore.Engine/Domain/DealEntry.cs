namespace TradingCore.Engine.Domain;

/// <summary>How a deal changes a position (MT5 ENUM_DEAL_ENTRY).</summary>
public enum DealEntry
{
    /// <summary>Opens a position or adds to it.</summary>
    In = 1,

    /// <summary>Closes a position or reduces it.</summary>
    Out = 2,

    /// <summary>Reverses a netting position (closes it and opens the opposite side).</summary>
    InOut = 3,

    /// <summary>Closed by an opposite position.</summary>
    OutBy = 4,
}
