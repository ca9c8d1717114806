using TradingCore.Engine.Commands;
using TradingCore.Engine.Domain;
using TradingCore.Engine.Events;

namespace TradingCore.Engine.Tests;

/// <summary>
/// Pending orders and SL/TP live in price-ordered indexes (a tick touches only what it crosses). These random
/// sequences check them against a plain scan written here: after every tick, exactly the orders and stops the
/// quote reached have fired, in ticket order, and nothing the current quote reaches is left resting, however the
/// orders and levels were placed, moved, cancelled and filled before.
/// </summary>
public sealed class TriggerIndexPropertyTests
{
    private const decimal Point = 0.00001m;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RandomBooks_FireExactlyWhatTheQuoteReaches(bool hedging)
    {
        for (var seed = 1; seed <= 60; seed++)
        {
            Run(seed, hedging);
        }
    }

    private static void Run(int seed, bool hedging)
    {
        var random = new Random(seed);
        var book = new Book(balance: 100_000_000m);
        var account = hedging ? Book.Hedging : Book.Netting;
        var mid = 1.10000m;
        book.Quote("EURUSD", mid, mid + 10 * Point);
        for (var step = 0; step < 150; step++)
        {
            var tick = book.Core.LastTick("EURUSD")!.Value;
            var action = random.Next(12);
            if (action < 4)
            {
                mid += random.Next(8) == 0 ? random.Next(-3000, 3001) * Point : random.Next(-300, 301) * Point;
                var working = book.Core.ListOpenOrders(account)!.ToDictionary(order => order.Ticket);
                var open = book.Positions(account).Select(view => view.Position).ToDictionary(position => position.Ticket);
                var eventsBefore = book.Events.Count;
                book.Quote("EURUSD", mid, mid + random.Next(0, 30) * Point);
                var quote = book.Core.LastTick("EURUSD")!.Value;
                CheckFired(seed, step, book, account, working, open, book.Events.Skip(eventsBefore).ToList(), quote, hedging);
            }
            else if (action < 7)
            {
                var type = (OrderType)random.Next((int)OrderType.BuyLimit, (int)OrderType.SellStopLimit + 1);
                var above = type is OrderType.SellLimit or OrderType.BuyStop or OrderType.BuyStopLimit;
                var price = (above ? tick.Ask : tick.Bid) + (above ? 1 : -1) * random.Next(1, 2000) * Point;
                decimal? stopLimit = type switch
                {
                    OrderType.BuyStopLimit => price - random.Next(1, 500) * Point,
                    OrderType.SellStopLimit => price + random.Next(1, 500) * Point,
                    _ => null,
                };
                book.Pending(type, 0.01m * random.Next(1, 5), price, stopLimit, account: account);
            }
            else if (action < 9)
            {
                var buy = random.Next(2) == 0;
                decimal? sl = random.Next(3) == 0 ? null : (buy ? tick.Bid - random.Next(1, 1500) * Point : tick.Ask + random.Next(1, 1500) * Point);
                decimal? tp = random.Next(3) == 0 ? null : (buy ? tick.Bid + random.Next(1, 1500) * Point : tick.Ask - random.Next(1, 1500) * Point);
                _ = buy ? book.Buy(0.01m * random.Next(1, 5), account: account, sl: sl, tp: tp) : book.Sell(0.01m * random.Next(1, 5), account: account, sl: sl, tp: tp);
            }
            else if (action < 10 && book.Core.ListOpenOrders(account)! is { Count: > 0 } orders)
            {
                var order = orders[random.Next(orders.Count)];
                var shift = random.Next(-800, 801) * Point;
                book.Run((core, now) => core.Modify(
                    new ModifyOrderRequest
                    {
                        AccountId = account,
                        OrderTicket = order.Ticket,
                        Price = order.PriceOpen!.Value + shift,
                        StopLimitPrice = order.StopLimitPrice is { } limit ? limit + shift : null,
                    },
                    now));
            }
            else if (action < 11 && book.Positions(account) is { Count: > 0 } positions)
            {
                var position = positions[random.Next(positions.Count)].Position;
                var market = position.IsBuy ? tick.Bid : tick.Ask;
                var sign = position.IsBuy ? 1 : -1;
                book.Run((core, now) => core.ModifyPosition(
                    new ModifyPositionRequest
                    {
                        AccountId = account,
                        PositionTicket = position.Ticket,
                        StopLoss = random.Next(3) == 0 ? null : market - sign * random.Next(1, 1500) * Point,
                        TakeProfit = random.Next(3) == 0 ? null : market + sign * random.Next(1, 1500) * Point,
                    },
                    now));
            }
            else if (book.Core.ListOpenOrders(account)! is { Count: > 0 } cancellable)
            {
                var order = cancellable[random.Next(cancellable.Count)];
                book.Run((core, now) => core.Cancel(new CancelOrderRequest { AccountId = account, OrderTicket = order.Ticket, ClientOrderId = book.NextId() }, now));
            }

            CheckNothingReachedRests(seed, step, book, account);
        }
    }

    /// <summary>Exactly the working orders (and, hedging, the stops) the quote reached fired, in ticket order.</summary>
    private static void CheckFired(int seed, int step, Book book, long account, Dictionary<ulong, Order> working, Dictionary<ulong, Position> open, List<EngineEvent> events, Tick quote, bool hedging)
    {
        var expected = working.Values.Where(order => Reaches(order, quote)).Select(order => order.Ticket).Order().ToList();
        var firedInOrder = events.OfType<OrderEvent>()
            .Where(e => working.TryGetValue(e.Order.Ticket, out var before) && (e.Order.State != OrderState.Placed || e.Order.Type != before.Type))
            .Select(e => e.Order.Ticket)
            .Distinct()
            .ToList();
        Assert.True(expected.SequenceEqual(firedInOrder), $"seed {seed} step {step}: expected [{string.Join(',', expected)}] fired [{string.Join(',', firedInOrder)}] at {quote.Bid}/{quote.Ask}");

        if (!hedging)
        {
            return; // a netting fill changes the position the stops belong to; the resting check below still applies
        }

        var stopDeals = events.OfType<DealEvent>().Select(e => e.Deal).Where(deal => deal.Reason is TradeReason.StopLoss or TradeReason.TakeProfit).ToList();
        var expectedStops = open.Values.Where(position => StopReached(position, quote) is not null).Select(position => position.Ticket).Order().ToList();
        var closedStops = stopDeals.Select(deal => deal.PositionId).Where(open.ContainsKey).ToList();
        Assert.True(expectedStops.SequenceEqual(closedStops), $"seed {seed} step {step}: stops expected [{string.Join(',', expectedStops)}] closed [{string.Join(',', closedStops)}]");
        foreach (var deal in stopDeals.Where(deal => open.ContainsKey(deal.PositionId)))
        {
            Assert.Equal(StopReached(open[deal.PositionId], quote), deal.Reason);
        }
    }

    private static void CheckNothingReachedRests(int seed, int step, Book book, long account)
    {
        var quote = book.Core.LastTick("EURUSD")!.Value;
        foreach (var order in book.Core.ListOpenOrders(account)!)
        {
            Assert.False(Reaches(order, quote), $"seed {seed} step {step}: order {order.Ticket} {order.Type} {order.PriceOpen} rests at {quote.Bid}/{quote.Ask}");
        }

        foreach (var view in book.Positions(account))
        {
            Assert.True(StopReached(view.Position, quote) is null, $"seed {seed} step {step}: position {view.Position.Ticket} sl {view.Position.StopLoss} tp {view.Position.TakeProfit} open at {quote.Bid}/{quote.Ask}");
        }
    }

    private static bool Reaches(Order order, Tick quote) => order.Type switch
    {
        OrderType.BuyLimit => quote.Ask <= order.PriceOpen,
        OrderType.SellLimit => quote.Bid >= order.PriceOpen,
        OrderType.BuyStop or OrderType.BuyStopLimit => quote.Ask >= order.PriceOpen,
        OrderType.SellStop or OrderType.SellStopLimit => quote.Bid <= order.PriceOpen,
        _ => false,
    };

    private static TradeReason? StopReached(Position position, Tick quote)
    {
        var market = position.IsBuy ? quote.Bid : quote.Ask;
        if (position.StopLoss is { } sl && (position.IsBuy ? market <= sl : market >= sl))
        {
            return TradeReason.StopLoss;
        }

        return position.TakeProfit is { } tp && (position.IsBuy ? market >= tp : market <= tp) ? TradeReason.TakeProfit : null;
    }
}
