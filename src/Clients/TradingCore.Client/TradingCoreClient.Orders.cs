using TradingCore.Contracts.V1;

namespace TradingCore.Client;

public sealed partial class TradingCoreClient
{
    /// <summary>A new client order id: 32 hex characters, unique for practical purposes.</summary>
    public static string NewClientOrderId() => Guid.NewGuid().ToString("N");

    /// <summary>
    /// Submits an order and returns the server's decision. Without a client order id one is generated. After a
    /// timeout or a broken connection the request is sent again with the same id, so the server returns the
    /// original outcome (<see cref="TradeOutcome.Duplicate"/>) instead of placing a second order.
    /// </summary>
    public async Task<TradeOutcome> SubmitOrderAsync(SubmitOrderRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var keyed = request.Clone();
        if (string.IsNullOrEmpty(keyed.ClientOrderId))
        {
            keyed.ClientOrderId = NewClientOrderId();
        }

        var response = await CallAsync(options => Orders.SubmitOrderAsync(keyed, options), retry: true, cancellationToken).ConfigureAwait(false);
        return new TradeOutcome(response.Result, response.Order);
    }

    /// <summary>Buys or sells at market (see <see cref="SubmitOrderAsync"/> for ids and retries).</summary>
    public Task<TradeOutcome> SubmitMarketOrderAsync(
        long accountId,
        string symbol,
        OrderType side,
        decimal volume,
        string? clientOrderId = null,
        CancellationToken cancellationToken = default)
    {
        if (side is not (OrderType.Buy or OrderType.Sell))
        {
            throw new ArgumentOutOfRangeException(nameof(side), side, "a market order is BUY or SELL");
        }

        return SubmitOrderAsync(NewOrder(accountId, symbol, side, volume, clientOrderId), cancellationToken);
    }

    /// <summary>
    /// Places a pending order (BUY_LIMIT, SELL_LIMIT, BUY_STOP, SELL_STOP, BUY_STOP_LIMIT, SELL_STOP_LIMIT) at
    /// <paramref name="price"/>; stop-limit orders also need <paramref name="stopLimitPrice"/>.
    /// </summary>
    public Task<TradeOutcome> PlacePendingOrderAsync(
        long accountId,
        string symbol,
        OrderType type,
        decimal volume,
        decimal price,
        decimal? stopLimitPrice = null,
        decimal? stopLoss = null,
        decimal? takeProfit = null,
        string? clientOrderId = null,
        CancellationToken cancellationToken = default)
    {
        if (type is OrderType.Buy or OrderType.Sell or OrderType.Unspecified)
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "a pending order is a limit, stop or stop-limit type");
        }

        var request = NewOrder(accountId, symbol, type, volume, clientOrderId);
        request.Price = Contracts.V1.Decimal.FromDecimal(price);
        request.StopLimitPrice = Contracts.V1.Decimal.FromDecimal(stopLimitPrice);
        request.StopLoss = Contracts.V1.Decimal.FromDecimal(stopLoss);
        request.TakeProfit = Contracts.V1.Decimal.FromDecimal(takeProfit);
        return SubmitOrderAsync(request, cancellationToken);
    }

    /// <summary>
    /// Changes a pending order. Not retried automatically: a modification has no idempotency key, so after a
    /// <see cref="ServerUnavailableException"/> read the order back before deciding to send it again.
    /// </summary>
    public async Task<TradeOutcome> ModifyOrderAsync(ModifyOrderRequest request, CancellationToken cancellationToken = default)
    {
        var response = await CallAsync(options => Orders.ModifyOrderAsync(request, options), retry: false, cancellationToken).ConfigureAwait(false);
        return new TradeOutcome(response.Result, response.Order);
    }

    /// <summary>Cancels a pending order by ticket. Not retried automatically (see <see cref="ModifyOrderAsync"/>).</summary>
    public async Task<TradeOutcome> CancelOrderAsync(long accountId, ulong orderTicket, CancellationToken cancellationToken = default)
    {
        var request = new CancelOrderRequest { AccountId = accountId, OrderTicket = orderTicket };
        var response = await CallAsync(options => Orders.CancelOrderAsync(request, options), retry: false, cancellationToken).ConfigureAwait(false);
        return new TradeOutcome(response.Result, response.Order);
    }

    /// <summary>
    /// Closes a position (all of it, or <paramref name="volume"/> lots) with an opposite market order; keyed and
    /// retried like <see cref="SubmitOrderAsync"/>.
    /// </summary>
    public async Task<TradeOutcome> ClosePositionAsync(long accountId, ulong positionTicket, decimal? volume = null, string? clientOrderId = null, CancellationToken cancellationToken = default)
    {
        var request = new ClosePositionRequest
        {
            AccountId = accountId,
            PositionTicket = positionTicket,
            Volume = Contracts.V1.Decimal.FromDecimal(volume),
            ClientOrderId = clientOrderId ?? NewClientOrderId(),
        };
        var response = await CallAsync(options => Positions.ClosePositionAsync(request, options), retry: true, cancellationToken).ConfigureAwait(false);
        return new TradeOutcome(response.Result, order: null);
    }

    private static SubmitOrderRequest NewOrder(long accountId, string symbol, OrderType type, decimal volume, string? clientOrderId) => new()
    {
        AccountId = accountId,
        ClientOrderId = clientOrderId ?? NewClientOrderId(),
        Symbol = symbol,
        Type = type,
        Volume = Contracts.V1.Decimal.FromDecimal(volume),
    };
}
