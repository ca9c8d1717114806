namespace TradingCore.Engine.Domain;

/// <summary>Where a charge is booked on the deal: MT5 DEAL_COMMISSION or DEAL_FEE.</summary>
public enum CommissionKind
{
    /// <summary>The deal's commission.</summary>
    Commission = 1,

    /// <summary>The deal's fee.</summary>
    Fee = 2,
}
