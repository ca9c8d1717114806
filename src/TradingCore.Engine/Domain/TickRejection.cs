namespace TradingCore.Engine.Domain;

/// <summary>Why a tick was not applied; <see cref="None"/> when it was. Each reason is counted separately.</summary>
public enum TickRejection
{
    /// <summary>Applied.</summary>
    None = 0,

    /// <summary>The symbol is not traded by the engine.</summary>
    UnknownSymbol = 1,

    /// <summary>Bid or ask is not a price in <see cref="ValueRanges"/> (zero, negative, above 10^9, too many decimals).</summary>
    PriceOutOfRange = 2,

    /// <summary>Ask below bid.</summary>
    Crossed = 3,

    /// <summary>Time before 1970 or from the year 3000 on.</summary>
    TimeOutOfRange = 4,

    /// <summary>Last price or traded volume out of range (last must be 0 or a price; volume 0 to 10^12).</summary>
    LastOrVolumeOutOfRange = 5,
}
