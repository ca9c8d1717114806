namespace TradingCore.Engine.Domain;

/// <summary>Which deals a commission rule charges (MT5 COMM_ENTRY_ALL / IN / OUT).</summary>
public enum CommissionEntry
{
    /// <summary>Entering and exiting deals.</summary>
    Both = 1,

    /// <summary>Entering deals (IN, and the opening part of an INOUT reversal).</summary>
    In = 2,

    /// <summary>Exiting deals (OUT, and the closing part of an INOUT reversal).</summary>
    Out = 3,
}
