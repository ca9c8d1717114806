namespace TradingCore.Engine.Commands;

/// <summary>How a command ended, beyond the MT5 retcode.</summary>
public enum OutcomeKind
{
    /// <summary>Decided: the retcode says accepted or rejected.</summary>
    Decided = 0,

    /// <summary>The account, order or position named does not exist.</summary>
    NotFound = 1,

    /// <summary>The client order id was used before with different parameters.</summary>
    Conflict = 2,
}
