using TradingCore.Engine.Commands;
using TradingCore.Engine.Domain;
using TradingCore.Engine.Events;

namespace TradingCore.Engine.Tests;

/// <summary>
/// Pending orders of MT5-routed accounts (docs/mt5-routing.md): placed, modified and cancelled through MT5, triggered
/// and expired by MT5 only, and their unseen ends found by reconciliation.
/// </summary>
public sealed class RoutingPendingTests
{
    private const long Routed = RoutedBooks.Routed;
    private const long Login = RoutedBooks.Login;

    private static Book RoutedBook() => RoutedBooks.Create();

    private static Order Last(Book book, ulong ticket) => book.Events.OfType<OrderEvent>().Last(e => e.Order.Ticket == ticket).Order;

    /// <summary>A buy limit at 1.09000 sent, and placed by MT5 as its order 880100.</summary>
    private static ulong Placed(Book book, long expirationMs = 0)
    {
        var ticket = book.Pending(OrderType.BuyLimit, 0.1m, 1.09000m, account: Routed, timeType: expirationMs > 0 ? OrderTimeType.Specified : null, expirationMs: expirationMs).Order!.Ticket;
        book.Run((core, now) => core.ApplyVenueResult(new VenueResult(Login, ticket, TradeRetcode.Placed, 880100, "Request placed"), now));
        return ticket;
    }

    [Fact]
    public void A_pending_order_is_placed_by_MT5_and_filled_by_MT5s_deal_never_by_the_core()
    {
        var book = RoutedBook();
        var sent = book.Pending(OrderType.BuyLimit, 0.1m, 1.09000m, account: Routed);
        Assert.Equal((TradeRetcode.Placed, OrderState.RequestAdd), (sent.Retcode, sent.Order!.State));
        var request = Assert.Single(book.Core.TakeVenueRequests());
        Assert.Equal((VenueAction.Pending, 1.09000m), (request.Action, request.Order.PriceOpen));

        book.Run((core, now) => core.ApplyVenueResult(new VenueResult(Login, sent.Order.Ticket, TradeRetcode.Placed, 880100, "Request placed"), now));
        Assert.Equal((OrderState.Placed, 880100UL), (Last(book, sent.Order.Ticket).State, Last(book, sent.Order.Ticket).Mt5OrderTicket));

        book.Quote("EURUSD", 1.08900m, 1.08920m); // through the limit: MT5 triggers it, not the core
        Assert.Equal(OrderState.Placed, Last(book, sent.Order.Ticket).State);
        Assert.Empty(book.Positions(Routed));

        var deal = new VenueDeal { Login = Login, Mt5DealTicket = 990100, Mt5OrderTicket = 880100, Symbol = "EURUSD", IsBuy = true, Volume = 0.1m, Price = 1.08998m, Mt5PositionId = 770100 };
        book.Run((core, now) => core.ApplyVenueDeal(deal, now));
        Assert.Equal((OrderState.Filled, 1.08998m), (Last(book, sent.Order.Ticket).State, Last(book, sent.Order.Ticket).PriceFilled));
        Assert.Single(book.Positions(Routed));
    }

    [Fact]
    public void A_modify_waits_for_MT5_and_takes_its_answer()
    {
        var book = RoutedBook();
        var ticket = Placed(book);
        book.Core.TakeVenueRequests();

        var sent = book.Run((core, now) => core.Modify(new ModifyOrderRequest { AccountId = Routed, OrderTicket = ticket, Price = 1.08500m }, now));
        Assert.Equal((TradeRetcode.Placed, OrderState.RequestModify), (sent.Retcode, Last(book, ticket).State));
        var request = Assert.Single(book.Core.TakeVenueRequests());
        Assert.Equal((VenueAction.Modify, 880100UL, 1.08500m), (request.Action, request.Mt5OrderTicket, request.Order.PriceOpen));
        Assert.Equal(1.09000m, Last(book, ticket).PriceOpen); // unchanged until MT5 says so

        book.Run((core, now) => core.ApplyVenueResult(new VenueResult(Login, ticket, TradeRetcode.Done, 880100, "Request executed"), now));
        Assert.Equal((OrderState.Placed, 1.08500m), (Last(book, ticket).State, Last(book, ticket).PriceOpen));

        book.Run((core, now) => core.Modify(new ModifyOrderRequest { AccountId = Routed, OrderTicket = ticket, Price = 1.08000m }, now));
        book.Run((core, now) => core.ApplyVenueResult(new VenueResult(Login, ticket, TradeRetcode.InvalidPrice, 0, "Invalid price"), now));
        var refused = Last(book, ticket);
        Assert.Equal((OrderState.Placed, 1.08500m, TradeRetcode.InvalidPrice), (refused.State, refused.PriceOpen, refused.Retcode));
    }

    [Fact]
    public void A_cancel_waits_for_MT5_and_an_order_not_yet_placed_cannot_change()
    {
        var book = RoutedBook();
        var early = book.Pending(OrderType.BuyLimit, 0.1m, 1.09000m, account: Routed).Order!.Ticket;
        var locked = book.Run((core, now) => core.Cancel(new CancelOrderRequest { AccountId = Routed, OrderTicket = early }, now));
        Assert.Equal(TradeRetcode.Locked, locked.Retcode);

        var ticket = Placed(book);
        book.Core.TakeVenueRequests();
        book.Run((core, now) => core.Cancel(new CancelOrderRequest { AccountId = Routed, OrderTicket = ticket }, now));
        Assert.Equal(OrderState.RequestCancel, Last(book, ticket).State);
        Assert.Equal(VenueAction.Remove, Assert.Single(book.Core.TakeVenueRequests()).Action);
        book.Run((core, now) => core.ApplyVenueResult(new VenueResult(Login, ticket, TradeRetcode.Done, 880100, "Request executed"), now));
        Assert.Equal(OrderState.Canceled, Last(book, ticket).State);
    }

    [Fact]
    public void A_positions_stops_change_when_MT5_confirms_them()
    {
        var book = RoutedBook();
        var ticket = book.Buy(0.1m, account: Routed).Order!.Ticket;
        var deal = new VenueDeal { Login = Login, Mt5DealTicket = 990300, OrderTicket = ticket, Symbol = "EURUSD", IsBuy = true, Volume = 0.1m, Price = 1.10020m, Mt5PositionId = 770300 };
        book.Run((core, now) => core.ApplyVenueDeal(deal, now));
        book.Core.TakeVenueRequests();
        var position = Assert.Single(book.Positions(Routed)).Position;

        var sent = book.Run((core, now) => core.ModifyPosition(new ModifyPositionRequest { AccountId = Routed, PositionTicket = position.Ticket, StopLoss = 1.09000m }, now));
        Assert.Equal(TradeRetcode.Placed, sent.Retcode);
        var request = Assert.Single(book.Core.TakeVenueRequests());
        Assert.Equal((VenueAction.Sltp, 770300UL, 1.09000m), (request.Action, request.Mt5PositionId, request.Order.StopLoss));
        Assert.Null(Assert.Single(book.Positions(Routed)).Position.StopLoss);

        book.Run((core, now) => core.ApplyVenueResult(new VenueResult(Login, request.Order.Ticket, TradeRetcode.Done, 0, "Request executed"), now));
        Assert.Equal(1.09000m, Assert.Single(book.Positions(Routed)).Position.StopLoss);

        book.Run((core, now) => core.ModifyPosition(new ModifyPositionRequest { AccountId = Routed, PositionTicket = position.Ticket, StopLoss = 1.09500m }, now));
        var refused = Assert.Single(book.Core.TakeVenueRequests());
        book.Run((core, now) => core.ApplyVenueResult(new VenueResult(Login, refused.Order.Ticket, TradeRetcode.InvalidStops, 0, "Invalid stops"), now));
        Assert.Equal(1.09000m, Assert.Single(book.Positions(Routed)).Position.StopLoss);
    }

    [Fact]
    public void A_close_by_is_sent_with_both_MT5_positions_and_its_two_untagged_OUT_BY_deals_fill_it()
    {
        var book = RoutedBook();
        VenueDeal Open(ulong deal, ulong tag, bool isBuy, ulong position) => new() { Login = Login, Mt5DealTicket = deal, OrderTicket = tag, Symbol = "EURUSD", IsBuy = isBuy, Volume = 0.1m, Price = 1.10020m, Mt5PositionId = position };
        var buy = book.Buy(0.1m, account: Routed).Order!.Ticket;
        var sell = book.Sell(0.1m, account: Routed).Order!.Ticket;
        book.Run((core, now) => core.ApplyVenueDeal(Open(990500, buy, true, 770500), now));
        book.Run((core, now) => core.ApplyVenueDeal(Open(990501, sell, false, 770501), now));
        book.Core.TakeVenueRequests();
        var positions = book.Positions(Routed).Select(view => view.Position).OrderBy(position => position.Mt5PositionId).ToList();

        var sent = book.Run((core, now) => core.ClosePositionBy(new ClosePositionByRequest { AccountId = Routed, ClientOrderId = "by", PositionTicket = positions[0].Ticket, OppositePositionTicket = positions[1].Ticket }, now));
        Assert.Equal((TradeRetcode.Placed, OrderState.RequestAdd), (sent.Retcode, sent.Order!.State));
        var request = Assert.Single(book.Core.TakeVenueRequests());
        Assert.Equal((VenueAction.CloseBy, 770500UL, 770501UL), (request.Action, request.Mt5PositionId, request.Mt5PositionById));

        // MT5: two OUT_BY deals of its close-by order 880600 (comments rewritten), before the result.
        VenueDeal OutBy(ulong deal, bool isBuy, ulong position, decimal profit) => new() { Login = Login, Mt5DealTicket = deal, Mt5OrderTicket = 880600, Symbol = "EURUSD", IsBuy = isBuy, Entry = DealEntry.OutBy, Volume = 0.1m, Price = 1.10020m, Mt5PositionId = position, Profit = profit, Comment = "#770500 by #770501" };
        Assert.Equal(VenueOutcome.Applied, book.Run((core, now) => core.ApplyVenueDeal(OutBy(990600, false, 770500, 2.00m), now)));
        Assert.Equal(VenueOutcome.Applied, book.Run((core, now) => core.ApplyVenueDeal(OutBy(990601, true, 770501, 0m), now)));
        Assert.Equal(OrderState.Filled, Last(book, sent.Order.Ticket).State);
        Assert.Empty(book.Positions(Routed));
        Assert.Equal(10_002.00m, book.Account(Routed).Account.Balance);
        Assert.All(book.Deals(Routed).TakeLast(2), deal => Assert.Equal(DealEntry.OutBy, deal.Entry));
        Assert.Equal(VenueOutcome.Duplicate, book.Run((core, now) => core.ApplyVenueResult(new VenueResult(Login, sent.Order.Ticket, TradeRetcode.Done, 880600, ""), now)));
    }

    [Fact]
    public void MT5_expires_a_routed_order_the_core_clock_does_not()
    {
        var book = RoutedBook();
        var ticket = Placed(book, expirationMs: book.NowMs + 60_000);
        book.Run((core, now) => { core.AdvanceClock(now + 120_000); return 0; });
        Assert.Equal(OrderState.Placed, Last(book, ticket).State);

        Assert.Equal(VenueOutcome.Applied, book.Run((core, now) => core.ApplyVenueOrderState(Login, 880100, 0, OrderState.Expired, now)));
        Assert.Equal(OrderState.Expired, Last(book, ticket).State);
        Assert.Equal(VenueOutcome.Duplicate, book.Run((core, now) => core.ApplyVenueOrderState(Login, 880100, 0, OrderState.Expired, now)));
    }

    [Fact]
    public void Reconciliation_places_an_order_found_by_its_tag_and_cancels_one_MT5_no_longer_holds()
    {
        var book = RoutedBook();
        var gone = Placed(book);
        var resultLost = book.Pending(OrderType.SellLimit, 0.1m, 1.11000m, account: Routed).Order!.Ticket;
        book.Run((core, now) => { core.SetVenueLink(Login, VenueLink.Down, now); return 0; });
        Assert.Equal(OrderState.Unknown, Last(book, resultLost).State);

        var report = book.Run((core, now) => core.Reconcile(new VenueSync(Login, [], 10_000m, []) { OpenOrders = [(880200, resultLost)] }, now));
        Assert.Equal(1, report.OrdersResolved);
        Assert.Equal((OrderState.Canceled, "no longer open in MT5 (reconciliation): cancelled"), (Last(book, gone).State, Last(book, gone).RetcodeMessage));
        Assert.Equal((OrderState.Placed, 880200UL), (Last(book, resultLost).State, Last(book, resultLost).Mt5OrderTicket));
    }
}
