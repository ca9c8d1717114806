using System.Reflection;
using TradingCore.Engine.Core;
using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Tests;

/// <summary>
/// The engine's self-check (<see cref="EngineCore.InternalStateProblems"/>) that the property tests run after every
/// step: quiet on a consistent book, and it names a structure that disagrees with the records.
/// </summary>
public sealed class InternalStateTests
{
    [Fact]
    public void ABookWithPositionsStopsAndPendingOrders_IsConsistent()
    {
        var book = Busy();

        Assert.Empty(book.Core.InternalStateProblems());
    }

    [Fact]
    public void AStopTriggerMissingFromItsIndex_IsNamed()
    {
        var book = Busy();
        var position = book.Positions(Book.Hedging)[0].Position;

        Books<string, SymbolBook>(book.Core, "_symbols")["EURUSD"].StopTriggers.Remove(position.Ticket);

        Assert.Contains(book.Core.InternalStateProblems(), problem => problem.Contains($"position {position.Ticket}'s SL/TP", StringComparison.Ordinal));
    }

    [Fact]
    public void AHoldingThatLostAPosition_IsNamed()
    {
        var book = Busy();
        var position = book.Positions(Book.Hedging)[0].Position;

        Books<long, AccountBook>(book.Core, "_accounts")[Book.Hedging].Holdings["EURUSD"].Remove(position);

        Assert.Contains(book.Core.InternalStateProblems(), problem => problem.Contains($"position {position.Ticket} is not in its holding", StringComparison.Ordinal));
    }

    [Fact]
    public void APendingOrderMissingFromItsSymbol_IsNamed()
    {
        var book = Busy();
        var order = book.Core.ListOpenOrders(Book.Hedging)![0];

        Books<string, SymbolBook>(book.Core, "_symbols")["EURUSD"].PendingOrders.Remove(order.Ticket);

        Assert.Contains(book.Core.InternalStateProblems(), problem => problem.StartsWith("EURUSD: 0 pending orders kept, 1 working", StringComparison.Ordinal));
    }

    /// <summary>A hedging account with two EURUSD positions (one with SL/TP) and a buy limit; a netting one with a position.</summary>
    private static Book Busy()
    {
        var book = new Book(balance: 100_000m);
        book.Quote("EURUSD", 1.10000m, 1.10010m);
        Assert.Equal(TradeRetcode.Done, book.Buy(0.10m, account: Book.Hedging, sl: 1.09000m, tp: 1.11000m).Retcode);
        Assert.Equal(TradeRetcode.Done, book.Sell(0.20m, account: Book.Hedging).Retcode);
        Assert.Equal(TradeRetcode.Placed, book.Pending(OrderType.BuyLimit, 0.10m, 1.09500m, account: Book.Hedging).Retcode);
        Assert.Equal(TradeRetcode.Done, book.Buy(0.30m).Retcode);
        return book;
    }

    /// <summary>The engine's private dictionary <paramref name="field"/> (symbol books by name, account books by id): tests corrupt it on purpose.</summary>
    private static IDictionary<TKey, TBook> Books<TKey, TBook>(EngineCore core, string field)
        where TKey : notnull =>
        (IDictionary<TKey, TBook>)typeof(EngineCore).GetField(field, BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(core)!;
}
