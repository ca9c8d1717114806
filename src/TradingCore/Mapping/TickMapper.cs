using TradingCore.Engine.Domain;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Mapping;

/// <summary>Engine ticks to the wire. LAST and VOLUME are omitted when the feed has none (quote-only symbols).</summary>
internal static class TickMapper
{
    public static Wire.Tick ToProto(in Tick tick) => new()
    {
        Symbol = tick.Symbol,
        TimeMs = tick.TimeMs,
        Bid = Wire.Decimal.FromDecimal(tick.Bid),
        Ask = Wire.Decimal.FromDecimal(tick.Ask),
        Last = tick.Last != 0m ? Wire.Decimal.FromDecimal(tick.Last) : null,
        Volume = tick.Volume != 0m ? Wire.Decimal.FromDecimal(tick.Volume) : null,
        Flags = tick.Flags,
        Sequence = tick.Sequence,
    };
}
