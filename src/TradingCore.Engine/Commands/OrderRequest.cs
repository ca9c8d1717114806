using System.Globalization;
using System.Runtime.CompilerServices;
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
        // Formatted into a stack buffer (pooled beyond it), invariant culture: only the result is allocated. It was a
        // StringBuilder and a string per price, ~0.7 KB per order on the engine thread (docs/benchmarks.md).
        var text = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture, stackalloc char[256]);
        text.AppendFormatted(Symbol);
        text.AppendLiteral("|");
        text.AppendFormatted((int)Type);
        text.AppendLiteral("|");
        Append(ref text, Volume);
        Append(ref text, Price);
        Append(ref text, StopLimitPrice);
        Append(ref text, StopLoss);
        Append(ref text, TakeProfit);
        text.AppendFormatted(DeviationPoints);
        text.AppendLiteral("|");
        Append(ref text, Filling is null ? null : (int)Filling);
        Append(ref text, TimeType is null ? null : (int)TimeType);
        text.AppendFormatted(ExpirationTimeMs);
        text.AppendLiteral("|");
        text.AppendFormatted(Magic);
        text.AppendLiteral("|");
        text.AppendFormatted(PositionTicket);
        text.AppendLiteral("|");
        text.AppendFormatted(Comment);
        return text.ToStringAndClear();
    }

    private static void Append(ref DefaultInterpolatedStringHandler text, decimal? value)
    {
        if (value is { } present)
        {
            text.AppendFormatted(DecimalMath.Normalize(present));
        }
        else
        {
            text.AppendLiteral("-");
        }

        text.AppendLiteral("|");
    }

    private static void Append(ref DefaultInterpolatedStringHandler text, int? value)
    {
        if (value is { } present)
        {
            text.AppendFormatted(present);
        }
        else
        {
            text.AppendLiteral("-");
        }

        text.AppendLiteral("|");
    }
}
