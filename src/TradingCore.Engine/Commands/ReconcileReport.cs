namespace TradingCore.Engine.Commands;

/// <summary>What a reconciliation changed to make the routed account agree with MT5, and whether it then did.</summary>
public sealed record ReconcileReport
{
    /// <summary>False when no account is routed to the login (nothing was done).</summary>
    public bool Applied { get; init; }

    /// <summary>Orders in flight or UNKNOWN that MT5 never executed: rejected (10012), or their rest cancelled.</summary>
    public int OrdersResolved { get; init; }

    /// <summary>Positions open in MT5 that the core did not hold (opened by hand or while the core was away): opened.</summary>
    public int PositionsOpened { get; init; }

    /// <summary>Positions the core held that MT5 does not (or not so): closed (and reopened as MT5 holds them).</summary>
    public int PositionsClosed { get; init; }

    /// <summary>What the balance moved to equal MT5's (a BALANCE deal), 0 when it agreed.</summary>
    public decimal BalanceAdjustment { get; init; }

    /// <summary>Differences left after reconciling (positions or balance still not MT5's); 0 unless the core has a defect.</summary>
    public int Mismatches { get; init; }

    /// <summary>Whether the account needed any change.</summary>
    public bool Changed => OrdersResolved + PositionsOpened + PositionsClosed > 0 || BalanceAdjustment != 0m;
}
