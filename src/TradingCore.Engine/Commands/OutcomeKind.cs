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

    /// <summary>
    /// The client order id is not in the engine's idempotency window and the account has older orders in storage
    /// that may hold it: the caller reads storage and sends the request again with <c>Recall</c> set. Nothing changed.
    /// </summary>
    RecallNeeded = 3,
}
