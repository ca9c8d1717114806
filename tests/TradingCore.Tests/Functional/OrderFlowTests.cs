using Grpc.Core;
using TradingCore.Contracts.V1;
using static TradingCore.Testing.Wire;

namespace TradingCore.Tests;

/// <summary>Orders through the real host and a real GrpcChannel: fills, deals, positions, accounts, restart.</summary>
public sealed class OrderFlowTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SubmitMarketBuy_FillsAtAsk_AndShowsDealPositionAndAccount()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);

        var reply = await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.10m, "buy-1"), cancellationToken: Token);

        Assert.Equal(TradeRetcode.Done, reply.Result.Retcode);
        Assert.Equal(1.10010m, reply.Result.Price.ToDecimal());
        Assert.Equal(OrderState.Filled, reply.Order.State);
        Assert.NotEqual(0UL, reply.Result.DealTicket);
        var deals = await server.Orders.ListDealsAsync(new ListDealsRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token);
        var deal = Assert.Single(deals.Deals, d => d.Type == DealType.Buy);
        Assert.Equal(reply.Result.DealTicket, deal.Ticket);
        Assert.Equal(DealEntry.In, deal.Entry);
        var positions = await server.Positions.ListPositionsAsync(new ListPositionsRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token);
        var position = Assert.Single(positions.Positions);
        Assert.Equal(PositionType.Buy, position.Type);
        Assert.Equal(0.10m, position.Volume.ToDecimal());
        Assert.Equal(1.10000m, position.PriceCurrent.ToDecimal());
        Assert.Equal(-1.00m, position.Profit.ToDecimal());
        var account = (await server.Accounts.GetAccountAsync(new GetAccountRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token)).Account;
        Assert.Equal(100_000m, account.Balance.ToDecimal());
        Assert.Equal(99_999m, account.Equity.ToDecimal());
        Assert.Equal(110m, account.Margin.ToDecimal());
        Assert.Equal(MarginMode.RetailNetting, account.MarginMode);
    }

    [Theory]
    [InlineData("Sqlite", "Sqlite")]
    [InlineData("EfCore", "EfCore")]
    [InlineData("EfCore", "Sqlite")]
    [InlineData("Sqlite", "EfCore")]
    public async Task Restart_OnTheSameDatabase_KeepsPositionsOrdersDealsBalancesAndSequences(string writer, string writerAfterRestart)
    {
        using var data = new TempDirectory();
        ulong lastSequence;
        ulong pendingTicket;
        await using (var server = new CoreServer(data.Path, settings: new Dictionary<string, string> { ["TradingCore:Persistence:Writer"] = writer }))
        {
            await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
            await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.30m, "a"), cancellationToken: Token);
            await server.QuoteAsync("EURUSD", 1.10200m, 1.10210m);
            var close = await server.Orders.SubmitOrderAsync(Market(OrderType.Sell, 0.10m, "b"), cancellationToken: Token);
            lastSequence = close.Result.Sequence;
            var pending = await server.Orders.SubmitOrderAsync(new SubmitOrderRequest
            {
                AccountId = CoreServer.DemoAccount, ClientOrderId = "limit", Symbol = "EURUSD", Type = OrderType.BuyLimit,
                Volume = D(0.05m), Price = D(1.09000m),
            }, cancellationToken: Token);
            Assert.Equal(TradeRetcode.Placed, pending.Result.Retcode);
            pendingTicket = pending.Result.OrderTicket;
            lastSequence = pending.Result.Sequence;
        }

        await using (var restarted = new CoreServer(data.Path, settings: new Dictionary<string, string> { ["TradingCore:Persistence:Writer"] = writerAfterRestart }))
        {
            var positions = await restarted.Positions.ListPositionsAsync(new ListPositionsRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token);
            var position = Assert.Single(positions.Positions);
            Assert.Equal(0.20m, position.Volume.ToDecimal());
            Assert.Equal(1.10010m, position.PriceOpen.ToDecimal());
            var open = await restarted.Orders.ListOrdersAsync(new ListOrdersRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token);
            Assert.Equal(pendingTicket, Assert.Single(open.Orders).Ticket);
            var deals = await restarted.Orders.ListDealsAsync(new ListDealsRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token);
            Assert.Equal(3, deals.Deals.Count); // opening balance, buy, sell
            var account = (await restarted.Accounts.GetAccountAsync(new GetAccountRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token)).Account;
            // (1.10200 - 1.10010) * 100,000 * 0.10 = 19.00 realized.
            Assert.Equal(100_019m, account.Balance.ToDecimal());

            var duplicate = await restarted.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.30m, "a"), cancellationToken: Token);
            Assert.True(duplicate.Result.Duplicate);

            await restarted.QuoteAsync("EURUSD", 1.10200m, 1.10210m);
            var next = await restarted.Orders.SubmitOrderAsync(Market(OrderType.Sell, 0.05m, "c"), cancellationToken: Token);
            Assert.True(next.Result.Sequence > lastSequence, $"sequence {next.Result.Sequence} must continue after {lastSequence}");
            Assert.True(next.Result.OrderTicket > pendingTicket);
        }
    }

    [Fact]
    public async Task ClosePosition_Partially_ThenFully()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        await server.QuoteAsync("XAUUSD", 2000.00m, 2000.50m);
        var open = await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.20m, "gold", "XAUUSD"), cancellationToken: Token);
        await server.QuoteAsync("XAUUSD", 2010.00m, 2010.50m);

        var partial = await server.Positions.ClosePositionAsync(new ClosePositionRequest
        {
            AccountId = CoreServer.DemoAccount, PositionTicket = open.Result.PositionTicket, Volume = D(0.05m), ClientOrderId = "close-1",
        }, cancellationToken: Token);
        var rest = await server.Positions.ClosePositionAsync(new ClosePositionRequest
        {
            AccountId = CoreServer.DemoAccount, PositionTicket = open.Result.PositionTicket, ClientOrderId = "close-2",
        }, cancellationToken: Token);

        Assert.Equal(TradeRetcode.Done, partial.Result.Retcode);
        Assert.Equal(TradeRetcode.Done, rest.Result.Retcode);
        Assert.Empty((await server.Positions.ListPositionsAsync(new ListPositionsRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token)).Positions);
        // (2010.00 - 2000.50) * 100 * 0.20 = 190.00.
        var account = (await server.Accounts.GetAccountAsync(new GetAccountRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token)).Account;
        Assert.Equal(100_190m, account.Balance.ToDecimal());
    }

    [Fact]
    public async Task PendingOrder_TriggersOnTheFeed_AndHistoryShowsIt()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        var placed = await server.Orders.SubmitOrderAsync(new SubmitOrderRequest
        {
            AccountId = CoreServer.DemoAccount, ClientOrderId = "stop", Symbol = "EURUSD", Type = OrderType.SellStop,
            Volume = D(0.10m), Price = D(1.09900m),
        }, cancellationToken: Token);
        Assert.Equal(TradeRetcode.Placed, placed.Result.Retcode);

        await server.QuoteAsync("EURUSD", 1.09890m, 1.09900m);

        await Eventually(async () =>
        {
            var history = await server.Orders.ListOrdersAsync(new ListOrdersRequest { AccountId = CoreServer.DemoAccount, Scope = OrderScope.History }, cancellationToken: Token);
            return history.Orders.Any(order => order.Ticket == placed.Result.OrderTicket && order.State == OrderState.Filled);
        });
        var order = await server.Orders.GetOrderAsync(new GetOrderRequest { AccountId = CoreServer.DemoAccount, ClientOrderId = "stop" }, cancellationToken: Token);
        Assert.Equal(1.09890m, order.Order.PriceFilled.ToDecimal());
        var position = Assert.Single((await server.Positions.ListPositionsAsync(new ListPositionsRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token)).Positions);
        Assert.Equal(PositionType.Sell, position.Type);
    }

    [Fact]
    public async Task CancelOrder_ByClientOrderId_CancelsThePendingOrder()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        await server.Orders.SubmitOrderAsync(new SubmitOrderRequest
        {
            AccountId = CoreServer.DemoAccount, ClientOrderId = "lim", Symbol = "EURUSD", Type = OrderType.BuyLimit, Volume = D(0.10m), Price = D(1.09000m),
        }, cancellationToken: Token);

        var cancel = await server.Orders.CancelOrderAsync(new CancelOrderRequest { AccountId = CoreServer.DemoAccount, ClientOrderId = "lim" }, cancellationToken: Token);

        Assert.Equal(TradeRetcode.Done, cancel.Result.Retcode);
        Assert.Equal(OrderState.Canceled, cancel.Order.State);
        Assert.Empty((await server.Orders.ListOrdersAsync(new ListOrdersRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token)).Orders);
    }

    [Fact]
    public async Task BusinessRejection_IsARetcodeInAnOkReply()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);

        var reply = await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.015m, "odd-volume"), cancellationToken: Token);

        Assert.Equal(TradeRetcode.InvalidVolume, reply.Result.Retcode);
        Assert.Contains("volume step", reply.Result.Message, StringComparison.Ordinal);
        Assert.Equal(OrderState.Rejected, reply.Order.State);
        Assert.Equal(TradeRetcode.InvalidVolume, reply.Order.Retcode);
    }

    [Fact]
    public async Task CheckOrder_ReportsMarginWithoutPlacing()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);

        var check = await server.Orders.CheckOrderAsync(new CheckOrderRequest { Order = Market(OrderType.Buy, 1.00m, "what-if") }, cancellationToken: Token);

        Assert.Equal(TradeRetcode.Done, check.Retcode);
        Assert.Equal(1_100m, check.OrderMargin.ToDecimal());
        Assert.Equal(98_900m, check.FreeMargin.ToDecimal());
        Assert.Empty((await server.Positions.ListPositionsAsync(new ListPositionsRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token)).Positions);
    }

    [Fact]
    public async Task ListDeals_SeparatesTheTradeHistoryFromBalanceOperations()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.10m, "kind-1"), cancellationToken: Token);

        // The demo account's opening deposit is a balance deal; the buy is a trade deal.
        var all = (await server.Orders.ListDealsAsync(new ListDealsRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token)).Deals;
        var trades = (await server.Orders.ListDealsAsync(new ListDealsRequest { AccountId = CoreServer.DemoAccount, Kind = DealKind.Trades }, cancellationToken: Token)).Deals;
        var balance = (await server.Orders.ListDealsAsync(new ListDealsRequest { AccountId = CoreServer.DemoAccount, Kind = DealKind.Balance }, cancellationToken: Token)).Deals;

        Assert.Equal(all.Count, trades.Count + balance.Count);
        Assert.Equal(DealType.Buy, Assert.Single(trades).Type);
        Assert.All(balance, deal => Assert.Equal(DealType.Balance, deal.Type));
        Assert.NotEmpty(balance);
    }

    [Fact]
    public async Task CheckOrder_NeedsNoClientOrderId_ButValidatesOneGiven()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);

        var check = await server.Orders.CheckOrderAsync(new CheckOrderRequest { Order = Market(OrderType.Buy, 1.00m, "") }, cancellationToken: Token);
        var bad = await Assert.ThrowsAsync<RpcException>(() => server.Orders.CheckOrderAsync(new CheckOrderRequest { Order = Market(OrderType.Buy, 1.00m, new string('x', 200)) }, cancellationToken: Token).ResponseAsync);

        Assert.Equal(TradeRetcode.Done, check.Retcode);
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
        Assert.Contains("order.client_order_id", bad.Status.Detail, StringComparison.Ordinal);
        Assert.Empty((await server.Orders.ListOrdersAsync(new ListOrdersRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token)).Orders);
    }
}
