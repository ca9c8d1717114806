using TradingCore.Engine.Commands;
using TradingCore.Engine.Core;
using TradingCore.Engine.Domain;
using TradingCore.Engine.Execution;

namespace TradingCore.Engine.Tests;

public sealed class ExecutionVenueTests
{
    /// <summary>A venue that fills one point worse than the quote, or refuses everything.</summary>
    private sealed class TestVenue(bool fills) : IExecutionVenue
    {
        public string Name => "test";

        public bool TryFillMarket(in Tick quote, bool isBuy, decimal volume, OrderFilling filling, out decimal price)
        {
            price = isBuy ? quote.Ask + 0.00001m : quote.Bid - 0.00001m;
            return fills;
        }

        public PriceTrigger? TriggerOf(Order order) => SimulatedVenue.Instance.TriggerOf(order);
    }

    private static (EngineCore Core, long Now) Start(IExecutionVenue venue)
    {
        var core = new EngineCore(TestSymbols.All, EngineSnapshot.Empty, venue: venue);
        const long now = 1_767_225_600_000;
        core.CreateAccount(Book.Account(Book.Netting, MarginMode.RetailNetting, 10_000m), now);
        core.ApplyTick(new Tick("EURUSD", now, 1.10000m, 1.10010m, 0, 0, 6), now, out _);
        return (core, now);
    }

    [Fact]
    public void MarketOrder_FillsAtTheVenuesPrice()
    {
        var (core, now) = Start(new TestVenue(fills: true));

        var outcome = core.Submit(new OrderRequest { AccountId = Book.Netting, ClientOrderId = "a", Symbol = "EURUSD", Type = OrderType.Buy, Volume = 0.1m }, now);

        Assert.Equal(TradeRetcode.Done, outcome.Retcode);
        Assert.Equal(1.10011m, outcome.Price);
        Assert.Equal(1.10011m, Assert.Single(core.ListPositions(Book.Netting, null)!).Position.PriceOpen);
    }

    [Fact]
    public void MarketOrder_TheVenueDoesNotFill_IsRejectAndChangesNothing()
    {
        var (core, now) = Start(new TestVenue(fills: false));

        var outcome = core.Submit(new OrderRequest { AccountId = Book.Netting, ClientOrderId = "a", Symbol = "EURUSD", Type = OrderType.Buy, Volume = 0.1m }, now);

        Assert.Equal(TradeRetcode.Reject, outcome.Retcode);
        Assert.Empty(core.ListPositions(Book.Netting, null)!);
        Assert.Equal(10_000m, core.GetAccount(Book.Netting, now)!.Account.Balance);
    }
}
