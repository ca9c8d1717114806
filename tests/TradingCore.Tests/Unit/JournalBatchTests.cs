using TradingCore.Engine.Domain;
using TradingCore.Engine.Events;
using TradingCore.Engine.Loop;
using TradingCore.Persistence;

namespace TradingCore.Tests;

/// <summary>
/// The counters a journal batch stores: every ticket of the order space it carries, also where no order event does
/// (a position or a deal of a trade the core did not send, mirrored from MT5), so no ticket is given out twice after a
/// restart (a reused one would overwrite that position's row).
/// </summary>
public sealed class JournalBatchTests
{
    [Fact]
    public void The_last_order_ticket_covers_positions_and_deals_of_trades_without_an_order()
    {
        var position = new Position
        {
            Ticket = 1_000_050,
            Identifier = 1_000_050,
            AccountId = 7,
            Symbol = "EURUSD",
            Type = PositionType.Sell,
            Volume = 0.2m,
            PriceOpen = 1.1m,
            TimeMs = 1,
            TimeUpdateMs = 1,
        };
        var deal = new Deal { Ticket = 2_000_010, OrderTicket = 1_000_060, AccountId = 7, Type = DealType.Buy, TimeMs = 1 };
        var entry = new OutboxEntry([new PositionEvent(1, 7, 1, position, IsNew: true, Closed: false), new DealEvent(2, 7, 1, deal)], null);
        long lastOrder = 1_000_001, lastDeal = 2_000_001;

        var batch = JournalBatch.From([entry], ref lastOrder, ref lastDeal);

        Assert.Equal((1_000_060L, 2_000_010L), (lastOrder, lastDeal));
        Assert.Equal(1_000_060L, batch.Counters!.LastOrderTicket);
    }
}
