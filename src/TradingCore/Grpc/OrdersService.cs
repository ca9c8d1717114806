using Grpc.Core;
using TradingCore.Engine.Domain;
using TradingCore.Engine.Loop;
using TradingCore.Grpc.Validation;
using TradingCore.Hosting;
using TradingCore.Mapping;
using TradingCore.Persistence;
using TradingCore.Symbols;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Grpc;

/// <summary>
/// trading.v1.Orders: validates shape, hands the command to the engine, maps the outcome back. Rejections are
/// retcodes in OK replies; unknown accounts/orders are NOT_FOUND; a reused client order id is ALREADY_EXISTS.
/// </summary>
internal sealed partial class OrdersService(
    EngineRouter engines,
    OrderCommands commands,
    SymbolCatalog catalog,
    HistoryReader history,
    TradeEventStreamer streamer,
    Streaming.TradeEventHub events,
    IHostApplicationLifetime lifetime,
    Hosting.AccountPlacement placement) : Wire.Orders.OrdersBase
{
    public override async Task<Wire.SubmitOrderResponse> SubmitOrder(Wire.SubmitOrderRequest request, ServerCallContext context)
    {
        var order = OrderRequests.Submit(request, catalog);
        var outcome = Outcomes.Decided(await commands.SubmitAsync(order, context.CancellationToken));
        return new Wire.SubmitOrderResponse
        {
            Result = ResultMapper.ToProto(outcome),
            Order = outcome.Order is null ? null : OrderMapper.ToProto(outcome.Order),
        };
    }

    public override async Task<Wire.CheckOrderResponse> CheckOrder(Wire.CheckOrderRequest request, ServerCallContext context)
    {
        if (request.Order is null)
        {
            throw FieldErrors.Single("order", "is required");
        }

        // A check places nothing, so it needs no client order id; one given is validated like a submission's.
        var asked = request.Order.ClientOrderId.Length == 0 ? request.Order.Clone() : request.Order;
        if (asked.ClientOrderId.Length == 0)
        {
            asked.ClientOrderId = "check";
        }

        var order = OrderRequests.Submit(asked, catalog, "order.");
        var check = await engines.For(order.AccountId).QueryAsync((core, nowMs) => core.Check(order, nowMs), context.CancellationToken);
        Outcomes.Decided(check, check.Kind, check.Message);
        return new Wire.CheckOrderResponse
        {
            Retcode = (Wire.TradeRetcode)(int)check.Retcode,
            Message = check.Message,
            Balance = Wire.Decimal.FromDecimal(check.Balance),
            Equity = Priced(check, check.Equity),
            Margin = Priced(check, check.Margin),
            FreeMargin = Priced(check, check.FreeMargin),
            MarginLevel = Priced(check, check.MarginLevel),
            OrderMargin = Priced(check, check.OrderMargin),
            PriceState = AccountMapper.PriceStateOf(check.Pricing),
        };

        static Wire.Decimal? Priced(Engine.Commands.CheckOutcome check, decimal? value) =>
            check.Pricing == Engine.Domain.PriceState.Missing ? null : Wire.Decimal.FromDecimal(value);
    }

    public override async Task<Wire.ModifyOrderResponse> ModifyOrder(Wire.ModifyOrderRequest request, ServerCallContext context)
    {
        var modify = OrderRequests.Modify(request);
        var outcome = Outcomes.Decided(await engines.For(modify.AccountId).ExecuteAsync((core, nowMs) => core.Modify(modify, nowMs), context.CancellationToken));
        return new Wire.ModifyOrderResponse
        {
            Result = ResultMapper.ToProto(outcome),
            Order = outcome.Order is null ? null : OrderMapper.ToProto(outcome.Order),
        };
    }

    public override async Task<Wire.CancelOrderResponse> CancelOrder(Wire.CancelOrderRequest request, ServerCallContext context)
    {
        var cancel = OrderRequests.Cancel(request);
        var outcome = Outcomes.Decided(await engines.For(cancel.AccountId).ExecuteAsync((core, nowMs) => core.Cancel(cancel, nowMs), context.CancellationToken));
        return new Wire.CancelOrderResponse
        {
            Result = ResultMapper.ToProto(outcome),
            Order = outcome.Order is null ? null : OrderMapper.ToProto(outcome.Order),
        };
    }

    public override async Task<Wire.GetOrderResponse> GetOrder(Wire.GetOrderRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors();
        var accountId = WireReader.AccountId(request.AccountId, errors);
        OrderRequests.RequireTicketOrClientId(request.OrderTicket, request.ClientOrderId, errors);
        errors.ThrowIfAny();
        var clientOrderId = string.IsNullOrEmpty(request.ClientOrderId) ? null : request.ClientOrderId;

        // The engine holds working orders and the idempotency index (the newest state); storage holds the rest.
        var order = await engines.For(accountId).QueryAsync((core, _) => core.FindOrder(accountId, request.OrderTicket, clientOrderId), context.CancellationToken)
            ?? (engines.Backtest(accountId) is { } run
                ? Backtesting.BacktestHistory.Order(run, request.OrderTicket, clientOrderId)
                : await history.OrderAsync(accountId, request.OrderTicket, clientOrderId, context.CancellationToken));
        return order is null
            ? throw Outcomes.NotFound($"no order {(request.OrderTicket != 0 ? request.OrderTicket.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"with client order id '{clientOrderId}'")} on account {accountId}")
            : new Wire.GetOrderResponse { Order = OrderMapper.ToProto(order) };
    }

    public override async Task<Wire.ListOrdersResponse> ListOrders(Wire.ListOrdersRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors();
        var accountId = WireReader.AccountId(request.AccountId, errors);
        var scope = WireReader.Enum(request.Scope, errors, "scope", allowUnspecified: true);
        var pageSize = PageTokens.Size(request.PageSize, errors);
        var before = PageTokens.Parse(request.PageToken, errors);
        if (request.Symbol.Length > 0 && !Engine.Domain.SymbolNames.IsValid(request.Symbol))
        {
            errors.Add("symbol", Engine.Domain.SymbolNames.Rule);
        }

        WireReader.Time(request.FromTimeMs, errors, "from_time_ms");
        WireReader.Time(request.ToTimeMs, errors, "to_time_ms");

        errors.ThrowIfAny();
        IReadOnlyList<Order> page;
        if (scope is Wire.OrderScope.Unspecified or Wire.OrderScope.Open)
        {
            var open = await engines.For(accountId).QueryAsync((core, _) => core.ListOpenOrders(accountId), context.CancellationToken)
                ?? throw Outcomes.NotFound($"account {accountId} does not exist");
            page = [.. open
                .Where(order => string.IsNullOrEmpty(request.Symbol) || order.Symbol == request.Symbol)
                .Where(order => request.FromTimeMs == 0 || order.TimeSetupMs >= request.FromTimeMs)
                .Where(order => request.ToTimeMs == 0 || order.TimeSetupMs < request.ToTimeMs)
                .Where(order => before == 0 || order.Ticket < before)
                .OrderByDescending(order => order.Ticket)
                .Take(pageSize)];
        }
        else
        {
            await EnsureAccountAsync(accountId, context.CancellationToken);
            var query = new OrderQuery(accountId, scope == Wire.OrderScope.History, request.Symbol, request.FromTimeMs, request.ToTimeMs, before, pageSize);
            page = engines.Backtest(accountId) is { } run ? Backtesting.BacktestHistory.Orders(run, query) : await history.OrdersAsync(query, context.CancellationToken);
        }

        var response = new Wire.ListOrdersResponse { NextPageToken = PageTokens.Next(page.Count, pageSize, page.Count > 0 ? page[^1].Ticket : 0) };
        response.Orders.AddRange(page.Select(OrderMapper.ToProto));
        return response;
    }

    public override async Task<Wire.ListDealsResponse> ListDeals(Wire.ListDealsRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors();
        var accountId = WireReader.AccountId(request.AccountId, errors);
        var pageSize = PageTokens.Size(request.PageSize, errors);
        var before = PageTokens.Parse(request.PageToken, errors);
        if (request.Symbol.Length > 0 && !Engine.Domain.SymbolNames.IsValid(request.Symbol))
        {
            errors.Add("symbol", Engine.Domain.SymbolNames.Rule);
        }

        WireReader.Time(request.FromTimeMs, errors, "from_time_ms");
        WireReader.Time(request.ToTimeMs, errors, "to_time_ms");
        var kind = WireReader.Enum(request.Kind, errors, "kind", allowUnspecified: true);

        errors.ThrowIfAny();
        await EnsureAccountAsync(accountId, context.CancellationToken);
        var tradesOnly = kind switch { Wire.DealKind.Trades => true, Wire.DealKind.Balance => false, _ => (bool?)null };
        var query = new DealQuery(accountId, request.Symbol, request.PositionId, request.OrderTicket, request.FromTimeMs, request.ToTimeMs, before, pageSize, tradesOnly);
        var page = engines.Backtest(accountId) is { } run ? Backtesting.BacktestHistory.Deals(run, query) : await history.DealsAsync(query, context.CancellationToken);
        var response = new Wire.ListDealsResponse { NextPageToken = PageTokens.Next(page.Count, pageSize, page.Count > 0 ? page[^1].Ticket : 0) };
        response.Deals.AddRange(page.Select(DealMapper.ToProto));
        return response;
    }

    private async Task EnsureAccountAsync(long accountId, CancellationToken cancellationToken)
    {
        if (!await engines.For(accountId).QueryAsync((core, _) => core.HasAccount(accountId), cancellationToken))
        {
            throw Outcomes.NotFound($"account {accountId} does not exist");
        }
    }
}
