using System.Runtime.CompilerServices;
using TradingCore.Engine.Core;

namespace TradingCore.Engine.Tests;

/// <summary>
/// What the bounded idempotency window keeps of an order it forgot: nothing. A forgotten order, or its client order
/// id, still referenced from the window would live on for thousands of orders and, under a steady flow, fill the
/// oldest generation of the heap until a full collection runs (docs/architecture.md, "The idempotency window").
/// </summary>
public sealed class IdempotencyWindowMemoryTests
{
    [Fact]
    public void AForgottenOrder_AndItsClientOrderId_AreNoLongerHeld()
    {
        var book = new Book(options: new EngineOptions { IdempotencyWindow = 3 });
        book.Quote("EURUSD", 1.10000m, 1.10010m);
        var (ids, orders) = BuyTracked(book, 10);

        Assert.Equal(7, book.Core.ForgetDecidedOrders(book.Core.LastSequence));
        book.Events.Clear(); // what storage would hold
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        for (var index = 0; index < 7; index++)
        {
            Assert.False(ids[index].IsAlive, $"forgotten client order id {index} is still referenced");
            Assert.False(orders[index].IsAlive, $"forgotten order {index} is still referenced");
        }

        // The window's three stay (a retry of them is answered from memory).
        Assert.All(orders[7..], order => Assert.True(order.IsAlive));
        Assert.True(book.Buy(0.01m, id: "tracked-9").Duplicate);
    }

    /// <summary>Buys with ids made at run time (not interned literals); only weak references leave this frame.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (WeakReference[] Ids, WeakReference[] Orders) BuyTracked(Book book, int count)
    {
        var ids = new WeakReference[count];
        var orders = new WeakReference[count];
        for (var index = 0; index < count; index++)
        {
            var id = string.Concat("tracked-", index.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var outcome = book.Buy(0.01m, id: id);
            ids[index] = new WeakReference(id);
            orders[index] = new WeakReference(outcome.Order);
        }

        return (ids, orders);
    }
}
