using TradingCore.Engine.Commands;
using TradingCore.Engine.Domain;
using TradingCore.Engine.Events;

namespace TradingCore.Engine.Tests;

/// <summary>
/// MT5-routed accounts in the engine (docs/mt5-routing.md): the link's refusals, a market order sent as a request,
/// MT5's results and deals applied once, partial fills, closes by MT5 position identifier, external deals. The figures
/// are MT5's (the fake terminal's), booked as given: EURUSD 0.10 lot opened at 1.10020 with commission -0.70, closed at
/// 1.10120 with MT5's profit 0.10 × 100,000 × 0.00100 = 10.00 and commission -0.70: balance 10,000 − 0.70 + 10 − 0.70
/// = 10,008.60.
/// </summary>
public sealed class RoutingTests
{
    private const long Routed = RoutedBooks.Routed;
    private const long Login = RoutedBooks.Login;

    private static Book RoutedBook(MarginMode mode = MarginMode.RetailHedging, bool connect = true, IReadOnlyList<SymbolSpec>? symbols = null) => RoutedBooks.Create(mode: mode, connect: connect, symbols: symbols);

    private static VenueDeal Deal(ulong ticket, ulong mt5Order, bool isBuy, decimal volume, decimal price, ulong position, decimal profit = 0m, decimal commission = -0.70m, ulong tag = 0) => new()
    {
        Login = Login,
        Mt5DealTicket = ticket,
        Mt5OrderTicket = mt5Order,
        OrderTicket = tag,
        Symbol = "EURUSD",
        IsBuy = isBuy,
        Volume = volume,
        Price = price,
        Mt5PositionId = position,
        Profit = profit,
        Commission = commission,
    };

    private static TradeOutcome Buy(Book book, decimal volume, long account = Routed) => book.Buy(volume, account: account);

    private static Order Last(Book book, ulong ticket) => book.Events.OfType<OrderEvent>().Last(e => e.Order.Ticket == ticket).Order;

    [Fact]
    public void A_routed_order_waits_for_its_terminal_when_the_link_is_not_up()
    {
        var book = RoutedBook(connect: false);
        Assert.Equal(TradeRetcode.Connection, Buy(book, 0.1m).Retcode);

        book.Run((core, now) => { core.SetVenueLink(Login, new VenueLink(true, false, "USD", MarginMode.RetailHedging), now); return 0; });
        Assert.Equal(VenueLinkState.TradingDisabled, book.Account(Routed).VenueState);
        Assert.Equal(TradeRetcode.ClientDisablesAutoTrading, Buy(book, 0.1m).Retcode);

        book.Run((core, now) => { core.SetVenueLink(Login, new VenueLink(true, true, "EUR", MarginMode.RetailHedging), now); return 0; });
        var mismatch = Buy(book, 0.1m);
        Assert.Equal(TradeRetcode.TradeDisabled, mismatch.Retcode);
        Assert.Contains("EUR", mismatch.Message, StringComparison.Ordinal);

        book.Run((core, now) => { core.SetVenueLink(Login, VenueLink.Down, now); return 0; });
        Assert.Equal(VenueLinkState.Disconnected, book.Account(Routed).VenueState);
        Assert.Empty(book.Core.TakeVenueRequests());
        Assert.Empty(book.Positions(Routed));
    }

    [Fact]
    public void A_market_order_is_sent_not_filled_and_a_deal_fills_it_once()
    {
        var book = RoutedBook();
        var sent = Buy(book, 0.1m);
        Assert.Equal(TradeRetcode.Placed, sent.Retcode);
        Assert.Equal(OrderState.RequestAdd, sent.Order!.State);
        Assert.Empty(book.Positions(Routed));
        var request = Assert.Single(book.Core.TakeVenueRequests());
        Assert.Equal(Login, request.Login);
        Assert.Equal(sent.Order.Ticket, request.Order.Ticket);

        Assert.Equal(VenueOutcome.Applied, book.Run((core, now) => core.ApplyVenueResult(new VenueResult(Login, sent.Order.Ticket, TradeRetcode.Done, 880001, "Request executed"), now)));
        Assert.Empty(book.Positions(Routed));

        Assert.Equal(VenueOutcome.Applied, book.Run((core, now) => core.ApplyVenueDeal(Deal(990001, 880001, true, 0.1m, 1.10020m, 770001), now)));
        var position = Assert.Single(book.Positions(Routed)).Position;
        Assert.Equal(770001UL, position.Mt5PositionId);
        Assert.Equal(1.10020m, position.PriceOpen);
        Assert.Equal(9_999.30m, book.Account(Routed).Account.Balance);
        var order = book.Events.OfType<OrderEvent>().Last(e => e.Order.Ticket == sent.Order.Ticket).Order;
        Assert.Equal(OrderState.Filled, order.State);
        Assert.Equal(880001UL, order.Mt5OrderTicket);
        Assert.Equal(990001UL, Assert.Single(book.Deals(Routed), deal => deal.Type == DealType.Buy).Mt5DealTicket);

        // The EA repeats the deal and the result: nothing changes.
        var events = book.Events.Count;
        Assert.Equal(VenueOutcome.Duplicate, book.Run((core, now) => core.ApplyVenueDeal(Deal(990001, 880001, true, 0.1m, 1.10020m, 770001), now)));
        Assert.Equal(VenueOutcome.Duplicate, book.Run((core, now) => core.ApplyVenueResult(new VenueResult(Login, sent.Order.Ticket, TradeRetcode.Done, 880001, ""), now)));
        Assert.Equal(events, book.Events.Count);
        Assert.Equal(9_999.30m, book.Account(Routed).Account.Balance);
    }

    [Fact]
    public void A_deal_that_arrives_before_the_result_finds_its_order_by_the_tag()
    {
        var book = RoutedBook();
        var ticket = Buy(book, 0.1m).Order!.Ticket;
        Assert.Equal(VenueOutcome.Applied, book.Run((core, now) => core.ApplyVenueDeal(Deal(990002, 880002, true, 0.1m, 1.10021m, 770002, tag: ticket), now)));
        Assert.Equal(VenueOutcome.Duplicate, book.Run((core, now) => core.ApplyVenueResult(new VenueResult(Login, ticket, TradeRetcode.Done, 880002, ""), now)));
        var order = book.Events.OfType<OrderEvent>().Last(e => e.Order.Ticket == ticket).Order;
        Assert.Equal(OrderState.Filled, order.State);
        Assert.Equal(1.10021m, order.PriceFilled);
    }

    [Fact]
    public void MT5_refusals_reject_the_order_with_their_retcode_and_requote_prices()
    {
        var book = RoutedBook();
        var sent = Buy(book, 0.1m);
        book.Run((core, now) => core.ApplyVenueResult(new VenueResult(Login, sent.Order!.Ticket, TradeRetcode.Requote, 0, "Requote", 1.10050m, 1.10070m), now));
        var order = book.Events.OfType<OrderEvent>().Last(e => e.Order.Ticket == sent.Order!.Ticket).Order;
        Assert.Equal(OrderState.Rejected, order.State);
        Assert.Equal(TradeRetcode.Requote, order.Retcode);
        Assert.Contains("ask 1.1007", order.RetcodeMessage, StringComparison.Ordinal);
        Assert.Empty(book.Positions(Routed));

        // A retry with the same client order id is answered from the stored order: no second request.
        var again = book.Submit(new OrderRequest { AccountId = Routed, ClientOrderId = sent.ClientOrderId, Symbol = "EURUSD", Type = OrderType.Buy, Volume = 0.1m });
        Assert.True(again.Duplicate);
        Assert.DoesNotContain(book.Core.TakeVenueRequests(), request => request.Order.Ticket != sent.Order!.Ticket);
    }

    [Fact]
    public void Partial_fills_under_return_leave_the_order_working_until_the_last_deal()
    {
        // Exchange execution allows RETURN for market orders (MT5's fill-policy matrix).
        var book = RoutedBook(symbols: [.. TestSymbols.All.Select(spec => spec.Name == "EURUSD" ? spec with { ExecutionMode = SymbolExecutionMode.Exchange } : spec)]);
        var sent = book.Submit(new OrderRequest { AccountId = Routed, ClientOrderId = "partial", Symbol = "EURUSD", Type = OrderType.Buy, Volume = 1m, Filling = OrderFilling.Return });
        book.Run((core, now) => core.ApplyVenueResult(new VenueResult(Login, sent.Order!.Ticket, TradeRetcode.DonePartial, 880003, ""), now));
        book.Run((core, now) => core.ApplyVenueDeal(Deal(990003, 880003, true, 0.4m, 1.10020m, 770003, commission: -2.80m), now));
        var partial = book.Events.OfType<OrderEvent>().Last().Order;
        Assert.Equal(OrderState.Partial, partial.State);
        Assert.Equal(0.6m, partial.VolumeCurrent);

        book.Run((core, now) => core.ApplyVenueDeal(Deal(990004, 880003, true, 0.6m, 1.10030m, 770003, commission: -4.20m), now));
        var filled = book.Events.OfType<OrderEvent>().Last().Order;
        Assert.Equal(OrderState.Filled, filled.State);
        Assert.Equal(1.10026m, filled.PriceFilled); // (0.4 × 1.10020 + 0.6 × 1.10030) / 1.0
        var position = Assert.Single(book.Positions(Routed)).Position;
        Assert.Equal(1m, position.Volume);
        Assert.Equal(1.10026m, position.PriceOpen);
        Assert.Equal(10_000m - 7.00m, book.Account(Routed).Account.Balance);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_IOC_order_MT5_confirms_in_part_ends_with_its_rest_cancelled(bool resultFirst)
    {
        var book = RoutedBook();
        var sent = book.Submit(new OrderRequest { AccountId = Routed, ClientOrderId = "ioc", Symbol = "EURUSD", Type = OrderType.Buy, Volume = 1m, Filling = OrderFilling.Ioc });
        var ticket = sent.Order!.Ticket;
        var result = new VenueResult(Login, ticket, TradeRetcode.DonePartial, 880030, "Request executed partially") { Volume = 0.4m };
        var deal = Deal(990030, 880030, true, 0.4m, 1.10020m, 770030, commission: -2.80m);
        if (resultFirst)
        {
            book.Run((core, now) => core.ApplyVenueResult(result, now));
            Assert.Equal(OrderState.RequestAdd, Last(book, ticket).State);
            book.Run((core, now) => core.ApplyVenueDeal(deal, now));
        }
        else
        {
            book.Run((core, now) => core.ApplyVenueDeal(deal with { OrderTicket = ticket }, now));
            Assert.Equal(OrderState.Partial, Last(book, ticket).State);
            book.Run((core, now) => core.ApplyVenueResult(result, now));
        }

        var ended = Last(book, ticket);
        Assert.Equal((OrderState.Canceled, 0.6m, 1.10020m), (ended.State, ended.VolumeCurrent, ended.PriceFilled));
        Assert.Contains("filled 0.4 of 1 lots", ended.RetcodeMessage, StringComparison.Ordinal);
        Assert.Equal(0.4m, Assert.Single(book.Positions(Routed)).Position.Volume);
    }

    [Fact]
    public void A_close_names_MT5s_position_and_books_MT5s_profit()
    {
        var book = RoutedBook();
        var opened = Buy(book, 0.1m);
        book.Run((core, now) => core.ApplyVenueDeal(Deal(990005, 880005, true, 0.1m, 1.10020m, 770005, tag: opened.Order!.Ticket), now));
        var position = Assert.Single(book.Positions(Routed)).Position;

        var close = book.Run((core, now) => core.ClosePosition(new ClosePositionRequest { AccountId = Routed, ClientOrderId = "close", PositionTicket = position.Ticket }, now));
        Assert.Equal(TradeRetcode.Placed, close.Retcode);
        var request = Assert.Single(book.Core.TakeVenueRequests(), r => r.Order.Ticket == close.Order!.Ticket);
        Assert.Equal(770005UL, request.Mt5PositionId);

        book.Run((core, now) => core.ApplyVenueDeal(Deal(990006, 880006, false, 0.1m, 1.10120m, 770005, profit: 10.00m, tag: close.Order!.Ticket) with { Entry = DealEntry.Out }, now));
        Assert.Empty(book.Positions(Routed));
        Assert.Equal(10_008.60m, book.Account(Routed).Account.Balance);
        var exit = book.Deals(Routed).Last();
        Assert.Equal(DealEntry.Out, exit.Entry);
        Assert.Equal(10.00m, exit.Profit);
    }

    [Fact]
    public void A_deal_the_core_did_not_send_is_applied_as_external()
    {
        var book = RoutedBook(MarginMode.RetailNetting);
        var manual = Deal(990007, 880007, false, 0.2m, 1.10000m, 770007, commission: -1.40m) with { Reason = TradeReason.Client, Comment = "by hand" };
        Assert.Equal(VenueOutcome.External, book.Run((core, now) => core.ApplyVenueDeal(manual, now)));
        var position = Assert.Single(book.Positions(Routed)).Position;
        Assert.False(position.IsBuy);
        Assert.Equal(0.2m, position.Volume);
        Assert.Equal(TradeReason.Client, book.Deals(Routed).Last().Reason);

        // Stopped out by the broker: MT5's exit deal closes it with MT5's loss.
        var stopOut = Deal(990008, 880008, true, 0.2m, 1.10500m, 770007, profit: -100.00m, commission: 0m) with { Reason = TradeReason.StopOut, Entry = DealEntry.Out };
        Assert.Equal(VenueOutcome.External, book.Run((core, now) => core.ApplyVenueDeal(stopOut, now)));
        Assert.Empty(book.Positions(Routed));
        Assert.Equal(10_000m - 1.40m - 100.00m, book.Account(Routed).Account.Balance);
    }

    [Fact]
    public void The_core_never_triggers_a_routed_positions_stops_itself()
    {
        var book = RoutedBook();
        var sent = book.Buy(0.1m, account: Routed, sl: 1.09000m);
        book.Run((core, now) => core.ApplyVenueDeal(Deal(990009, 880009, true, 0.1m, 1.10020m, 770009, tag: sent.Order!.Ticket), now));
        book.Quote("EURUSD", 1.08000m, 1.08020m); // through the stop loss: MT5's server closes it, not the core
        Assert.Single(book.Positions(Routed));
    }

    public static TheoryData<string> HostileReports() => ["volume", "price", "profit", "commission", "growth", "stops", "sweep"];

    [Theory]
    [MemberData(nameof(HostileReports))]
    public void A_terminals_report_beyond_the_value_ranges_is_refused_before_any_change(string what)
    {
        var book = RoutedBook();
        var ticket = Buy(book, 0.1m).Order!.Ticket;
        book.Run((core, now) => core.ApplyVenueDeal(Deal(990020, 880020, true, 0.1m, 1.10020m, 770020, tag: ticket), now));
        var events = book.Events.Count;
        var balance = book.Account(Routed).Account.Balance;

        Action hostile = what switch
        {
            "volume" => () => book.Core.ApplyVenueDeal(Deal(990021, 0, true, 100_000_000_000m, 1.1m, 770021), book.NowMs),
            "price" => () => book.Core.ApplyVenueDeal(Deal(990021, 0, true, 0.1m, 0m, 770021), book.NowMs),
            "profit" => () => book.Core.ApplyVenueDeal(Deal(990021, 0, false, 0.1m, 1.1m, 770020, profit: 1e25m), book.NowMs),
            "commission" => () => book.Core.ApplyVenueDeal(Deal(990021, 0, true, 0.1m, 1.1m, 770021, commission: -1e25m), book.NowMs),
            "growth" => () => book.Core.ApplyVenueDeal(Deal(990021, 0, true, ValueRanges.MaxVolume, 1.1m, 770020), book.NowMs),
            "stops" => () => book.Core.ApplyVenuePositionStops(Login, 770020, -1m, null, book.NowMs),
            _ => () => book.Core.Reconcile(new VenueSync(Login, [new(770020, "EURUSD", true, 1e20m, 1.1m)], 10_000m, []), book.NowMs),
        };

        Assert.Throws<ArgumentOutOfRangeException>(hostile);
        Assert.False(book.Core.HasEvents);
        Assert.Equal(events, book.Events.Count);
        Assert.Equal(balance, book.Account(Routed).Account.Balance);
        Assert.Equal(0.1m, Assert.Single(book.Positions(Routed)).Position.Volume);
        Assert.Equal(VenueOutcome.Applied, book.Run((core, now) => core.ApplyVenueDeal(Deal(990022, 0, false, 0.1m, 1.10120m, 770020, profit: 10m), now) == VenueOutcome.External ? VenueOutcome.Applied : VenueOutcome.Ignored));
        Assert.Empty(book.Positions(Routed));
    }

    [Fact]
    public void A_request_the_core_refuses_never_reaches_MT5()
    {
        var book = RoutedBook();
        var sent = Buy(book, 0.1m);
        book.Run((core, now) => core.ApplyVenueDeal(Deal(990011, 880011, true, 0.1m, 1.10020m, 770011, tag: sent.Order!.Ticket), now));
        book.Core.TakeVenueRequests();
        var position = Assert.Single(book.Positions(Routed)).Position;

        var closeBy = book.Run((core, now) => core.ClosePositionBy(new ClosePositionByRequest { AccountId = Routed, ClientOrderId = "by", PositionTicket = position.Ticket, OppositePositionTicket = position.Ticket }, now));
        Assert.Equal(TradeRetcode.InvalidOrder, closeBy.Retcode); // a position cannot close itself: refused as for an internal account
        Assert.Empty(book.Core.TakeVenueRequests());
    }

    [Fact]
    public void A_login_routes_one_account_and_the_venue_changes_only_on_an_empty_book()
    {
        var book = RoutedBook();
        Assert.Contains("already routed from account 7007", book.Core.VenueRefusal(8008, AccountVenue.Mt5, Login), StringComparison.Ordinal);
        Assert.NotNull(book.Core.VenueRefusal(8008, AccountVenue.Mt5, 0));
        Assert.NotNull(book.Core.VenueRefusal(8008, AccountVenue.Internal, 5));
        Assert.Null(book.Core.VenueRefusal(Book.Netting, AccountVenue.Mt5, 6000001));

        var sent = Buy(book, 0.1m);
        book.Run((core, now) => core.ApplyVenueDeal(Deal(990010, 880010, true, 0.1m, 1.10020m, 770010, tag: sent.Order!.Ticket), now));
        var refused = book.Run((core, now) => core.UpdateAccount(Routed, new AccountUpdate { Venue = (AccountVenue.Internal, 0) }, now));
        Assert.Contains("no open position", refused.Refusal, StringComparison.Ordinal);
    }
}
