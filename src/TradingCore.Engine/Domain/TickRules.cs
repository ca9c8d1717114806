namespace TradingCore.Engine.Domain;

/// <summary>The ranges of a tick (<see cref="ValueRanges"/>), shared by the engine and every feed.</summary>
public static class TickRules
{
    /// <summary>Why the tick's values are not admissible, or <see cref="TickRejection.None"/>. The symbol is not checked.</summary>
    public static TickRejection Check(in Tick tick)
    {
        if (!ValueRanges.IsPrice(tick.Bid) || !ValueRanges.IsPrice(tick.Ask))
        {
            return TickRejection.PriceOutOfRange;
        }

        if (tick.Ask < tick.Bid)
        {
            return TickRejection.Crossed;
        }

        if (!ValueRanges.IsTime(tick.TimeMs))
        {
            return TickRejection.TimeOutOfRange;
        }

        if ((tick.Last != 0m && !ValueRanges.IsPrice(tick.Last)) || !ValueRanges.IsTradedVolume(tick.Volume))
        {
            return TickRejection.LastOrVolumeOutOfRange;
        }

        return TickRejection.None;
    }

    /// <summary>A reason as a short label (metrics, logs).</summary>
    public static string Label(TickRejection rejection) => rejection switch
    {
        TickRejection.None => "none",
        TickRejection.UnknownSymbol => "unknown_symbol",
        TickRejection.PriceOutOfRange => "price_out_of_range",
        TickRejection.Crossed => "crossed",
        TickRejection.TimeOutOfRange => "time_out_of_range",
        TickRejection.LastOrVolumeOutOfRange => "last_or_volume_out_of_range",
        _ => "other",
    };

    /// <summary>A reason as a sentence (feed logs, refusals).</summary>
    public static string Describe(TickRejection rejection) => rejection switch
    {
        TickRejection.UnknownSymbol => "unknown symbol",
        TickRejection.PriceOutOfRange => "bid and ask " + ValueRanges.PriceRule,
        TickRejection.Crossed => "ask must not be below bid",
        TickRejection.TimeOutOfRange => "time " + ValueRanges.TimeRule,
        TickRejection.LastOrVolumeOutOfRange => "last must be 0 or a price up to 1000000000; volume must be 0 to 1000000000000",
        _ => "accepted",
    };
}
