using System.Globalization;
using System.Text;
using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Commands;

/// <summary>A request to place an order (MT5 TRADE_ACTION_DEAL / TRADE_ACTION_PENDING). Shape-validated by the host.</summary>
public sealed record OrderRequest
{
    /// <summary>The account to trade on.</summary>
    public required long AccountId { get; init; }

    /// <summary>Idempotency key, unique per account.</summary>
    public required string ClientOrderId { get; init; }

    /// <summary>Symbol to trade.</summary>
    public required string Symbol { get; init; }

    /// <summary>Order type.</summary>
    public required OrderType Type { get; init; }

    /// <summary>Lots, &gt; 0.</summary>
    public required decimal Volume { get; init; }

    /// <summary>Pending: order price. Market: expected price for the deviation check (optional).</summary>
    public decimal? Price { get; init; }

    /// <summary>Stop-limit orders: the limit price placed when the stop price is reached.</summary>
    public decimal? StopLimitPrice { get; init; }

    /// <summary>Stop loss for the resulting position (null = none).</summary>
    public decimal? StopLoss { get; init; }

    /// <summary>Take profit for the resulting position (null = none).</summary>
    public decimal? TakeProfit { get; init; }

    /// <summary>Max slippage from <see cref="Price"/> in points for market orders; 0 = any.</summary>
    public uint DeviationPoints { get; init; }

    /// <summary>Null = the symbol's default policy.</summary>
    public OrderFilling? Filling { get; init; }

    /// <summary>Null = GTC.</summary>
    public OrderTimeType? TimeType { get; init; }

    /// <summary>Expiry, UTC epoch ms (specified lifetimes).</summary>
    public long ExpirationTimeMs { get; init; }

    /// <summary>Expert (bot) id.</summary>
    public ulong Magic { get; init; }

    /// <summary>Free text kept with the order and its deals.</summary>
    public string Comment { get; init; } = "";

    /// <summary>The position this order closes (hedging; on netting it must be the symbol's position). 0 = none.</summary>
    public ulong PositionTicket { get; init; }

    /// <summary>What placed the order (bots: EXPERT).</summary>
    public TradeReason Reason { get; init; } = TradeReason.Expert;


    /// <summary>What storage held for the client order id, when the engine asked for it (<see cref="OutcomeKind.RecallNeeded"/>); not part of the request's identity.</summary>
    public StoredRecall? Recall { get; init; }

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
