namespace TradingCore.Engine.Domain;

/// <summary>What a commission rule's amount is counted on.</summary>
public enum CommissionBasis
{
    /// <summary>Money per lot of the deal's volume.</summary>
    PerLot = 1,

    /// <summary>Money per deal, whatever its volume.</summary>
    PerDeal = 2,

    /// <summary>Percent of the deal's turnover (lots × contract size × price, in the profit currency).</summary>
    Percent = 3,
}
