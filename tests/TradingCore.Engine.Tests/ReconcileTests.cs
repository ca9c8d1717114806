using TradingCore.Engine.Commands;
using TradingCore.Engine.Core;
using TradingCore.Engine.Domain;
using TradingCore.Engine.Events;

namespace TradingCore.Engine.Tests;

/// <summary>
/// UNKNOWN orders and reconciliation with MT5 in the engine (docs/mt5-routing.md): what the terminal's sweep decides,
/// what it corrects, and that a second identical sweep changes nothing.
/// </summary>
public sealed class ReconcileTests
{
    private const long Routed = RoutedBooks.Routed;
    private const long Login = RoutedBooks.Login;

    private static Book RoutedBook(MarginMode mode = MarginMode.RetailHedging) => RoutedBooks.Create(mode: mode);

    private static VenueDeal Deal(ulong ticket, ulong tag, bool isBuy, decimal volume, decimal price, ulong position) => new()
    {
        Login = Login,
        Mt5DealTicket = ticket,
        OrderTicket = tag,
        Symbol = "EURUSD",
        IsBuy = isBuy,
        Volume = volume,
        Price = price,
        Mt5PositionId = position,
    };

    private static Order Last(Book book, ulong ticket) => book.Events.OfType<OrderEvent>().Last(e => e.Order.Ticket == ticket).Order;

    private static VenueSync Sync(decimal balance, IReadOnlyList<VenuePosition>? positions = null, IReadOnlyCollection<ulong>? inFlight = null) =>
        new(Login, positions ?? [], balance, inFlight ?? []);

    [Fact]
    public void Orders_in_flight_become_unknown_when_the_terminal_goes_away_and_a_later_deal_still_fills_them()
    {
        var book = RoutedBook();
        var ticket = book.Buy(0.1m, account: Routed).Order!.Ticket;
        book.Run((core, now) => { core.SetVenueLink(Login, VenueLink.Down, now); return 0; });
        Assert.Equal(OrderState.Unknown, Last(book, ticket).State);
        Assert.Contains("reconciliation decides", Last(book, ticket).RetcodeMessage, StringComparison.Ordinal);

        book.Run((core, now) => core.ApplyVenueDeal(Deal(1, ticket, true, 0.1m, 1.10020m, 50), now));
        Assert.Equal(OrderState.Filled, Last(book, ticket).State);
    }

    [Fact]
    public void The_sweep_rejects_what_MT5_never_executed_and_keeps_what_the_EA_still_holds_in_flight()
    {
        var book = RoutedBook();
        var lost = book.Buy(0.1m, account: Routed).Order!.Ticket;
        var held = book.Buy(0.2m, account: Routed).Order!.Ticket;
        book.Run((core, now) => { core.SetVenueLink(Login, VenueLink.Down, now); return 0; });

        var report = book.Run((core, now) => core.Reconcile(Sync(10_000m, inFlight: [held]), now));
        Assert.Equal(1, report.OrdersResolved);
        Assert.Equal((OrderState.Rejected, TradeRetcode.Timeout), (Last(book, lost).State, Last(book, lost).Retcode));
        Assert.Equal(OrderState.Unknown, Last(book, held).State);
        Assert.Equal(0, report.Mismatches);
    }

    [Fact]
    public void Positions_and_balance_end_as_MT5_holds_them_and_a_second_sweep_changes_nothing()
    {
        var book = RoutedBook();
        var ticket = book.Buy(0.1m, account: Routed).Order!.Ticket;
        book.Run((core, now) => core.ApplyVenueDeal(Deal(1, ticket, true, 0.1m, 1.10020m, 50) with { Commission = -0.70m }, now));
        Assert.Equal(9_999.30m, book.Account(Routed).Account.Balance);

        // MT5 no longer holds position 50 (closed unseen) and holds 60, a sell opened by hand; its balance is 10,020.
        VenuePosition[] mt5 = [new(60, "EURUSD", false, 0.3m, 1.09900m)];
        var report = book.Run((core, now) => core.Reconcile(Sync(10_020m, mt5), now));
        Assert.Equal((1, 1, 20.70m, 0), (report.PositionsOpened, report.PositionsClosed, report.BalanceAdjustment, report.Mismatches));
        var position = Assert.Single(book.Positions(Routed)).Position;
        Assert.Equal((60UL, false, 0.3m, 1.09900m), (position.Mt5PositionId, position.IsBuy, position.Volume, position.PriceOpen));
        Assert.Equal(10_020m, book.Account(Routed).Account.Balance);
        Assert.All(book.Deals(Routed).Where(deal => deal.Type != DealType.Balance).Skip(1), deal => Assert.Equal(0m, deal.Profit));

        var events = book.Events.Count;
        var again = book.Run((core, now) => core.Reconcile(Sync(10_020m, mt5), now));
        Assert.False(again.Changed);
        Assert.Equal(events, book.Events.Count);
        Assert.Empty(book.Core.InternalStateProblems());
    }

    [Fact]
    public void An_order_MT5_does_not_answer_within_the_timeout_becomes_unknown_and_an_answered_one_does_not()
    {
        var book = RoutedBooks.Create(options: new EngineOptions { RoutingTimeoutMs = 5_000 });
        var silent = book.Buy(0.1m, account: Routed).Order!.Ticket;
        var answered = book.Buy(0.1m, account: Routed).Order!.Ticket;
        book.Run((core, now) => core.ApplyVenueResult(new VenueResult(Login, answered, TradeRetcode.Done, 880001, ""), now));

        book.Run((core, now) => { core.AdvanceClock(now + 4_000); return 0; });
        Assert.Equal(OrderState.RequestAdd, Last(book, silent).State);
        book.Run((core, now) => { core.AdvanceClock(now + 5_000); return 0; });
        Assert.Equal(OrderState.Unknown, Last(book, silent).State);
        Assert.Equal(OrderState.RequestAdd, Last(book, answered).State);
    }

    [Fact]
    public void A_positions_stops_follow_MT5_whether_reported_or_swept()
    {
        var book = RoutedBook();
        var ticket = book.Buy(0.1m, account: Routed).Order!.Ticket;
        book.Run((core, now) => core.ApplyVenueDeal(Deal(1, ticket, true, 0.1m, 1.10020m, 50), now));

        Assert.Equal(VenueOutcome.Applied, book.Run((core, now) => core.ApplyVenuePositionStops(Login, 50, 1.09000m, null, now)));
        Assert.Equal(VenueOutcome.Duplicate, book.Run((core, now) => core.ApplyVenuePositionStops(Login, 50, 1.09000m, null, now)));
        Assert.Equal(1.09000m, Assert.Single(book.Positions(Routed)).Position.StopLoss);

        var report = book.Run((core, now) => core.Reconcile(Sync(10_000m, [new(50, "EURUSD", true, 0.1m, 1.10020m) { TakeProfit = 1.12000m }]), now));
        Assert.False(report.Changed);
        var position = Assert.Single(book.Positions(Routed)).Position;
        Assert.Equal(((decimal?)null, (decimal?)1.12000m), (position.StopLoss, position.TakeProfit));
    }

    [Fact]
    public void The_sweep_starts_an_hour_before_the_last_MT5_deal_or_at_the_beginning()
    {
        var book = RoutedBook();
        Assert.Equal(-1, book.Core.VenueSyncFromMs(999));
        Assert.Equal(0, book.Core.VenueSyncFromMs(Login));
        var ticket = book.Buy(0.1m, account: Routed).Order!.Ticket;
        book.Run((core, now) => core.ApplyVenueDeal(Deal(1, ticket, true, 0.1m, 1.10020m, 50), now));
        Assert.Equal(book.NowMs - EngineCore.SyncMarginMs, book.Core.VenueSyncFromMs(Login));
    }
}
