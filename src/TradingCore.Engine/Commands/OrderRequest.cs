using System.Globalization;
using System.Text;
using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Commands;

/// <summary>A request to place an order (MT5 TRADE_ACTION_DEAL / TRADE_ACTION_PENDING). Shape-validated by the host.</summary>
public sealed record OrderRequest
{
    public required long AccountId { get; init; }

    /// <summary>Idempotency key, unique per account.</summary>
    public required string ClientOrderId { get; init; }

    public required string Symbol { get; init; }

    public required OrderType Type { get; init; }

    /// <summary>Lots, &gt; 0.</summary>
    public required decimal Volume { get; init; }

    /// <summary>Pending: order price. Market: expected price for the deviation check (optional).</summary>
    public decimal? Price { get; init; }

    public decimal? StopLimitPrice { get; init; }

    public decimal? StopLoss { get; init; }

    public decimal? TakeProfit { get; init; }

    /// <summary>Max slippage from <see cref="Price"/> in points for market orders; 0 = any.</summary>
    public uint DeviationPoints { get; init; }

    /// <summary>Null = the symbol's default policy.</summary>
    public OrderFilling? Filling { get; init; }

    /// <summary>Null = GTC.</summary>
    public OrderTimeType? TimeType { get; init; }

    public long ExpirationTimeMs { get; init; }

    public ulong Magic { get; init; }

    public string Comment { get; init; } = "";

    /// <summary>The position this order closes (hedging; on netting it must be the symbol's position). 0 = none.</summary>
    public ulong PositionTicket { get; init; }

    /// <summary>What placed the order (bots: EXPERT).</summary>
    public TradeReason Reason { get; init; } = TradeReason.Expert;

    /// <summary>
    /// Canonical text of every parameter that defines the order. Two submissions with one client order id are the
    /// same request exactly when their fingerprints are equal. Decimals are normalized so 1.5 equals 1.50.
    /// </summary>
    public string Fingerprint()
    {
        var text = new StringBuilder(128);
        text.Append(Symbol).Append('|').Append((int)Type).Append('|');
        Append(text, Volume);
        Append(text, Price);
        Append(text, StopLimitPrice);
        Append(text, StopLoss);
        Append(text, TakeProfit);
        text.Append(DeviationPoints).Append('|')
            .Append(Filling is null ? "-" : ((int)Filling).ToString(CultureInfo.InvariantCulture)).Append('|')
            .Append(TimeType is null ? "-" : ((int)TimeType).ToString(CultureInfo.InvariantCulture)).Append('|')
            .Append(ExpirationTimeMs).Append('|').Append(Magic).Append('|').Append(PositionTicket).Append('|')
            .Append(Comment);
        return text.ToString();
    }

    private static void Append(StringBuilder text, decimal? value)
    {
        text.Append(value is null ? "-" : DecimalMath.Normalize(value.Value).ToString(CultureInfo.InvariantCulture)).Append('|');
    }
}
