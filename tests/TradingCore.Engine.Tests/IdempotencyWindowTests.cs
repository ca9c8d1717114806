using TradingCore.Engine.Commands;
using TradingCore.Engine.Core;
using TradingCore.Engine.Domain;
using TradingCore.Engine.Events;

namespace TradingCore.Engine.Tests;

/// <summary>
/// The bounded idempotency window: decided orders beyond the capacity are forgotten once storage holds them, and a
/// request with a forgotten id is answered from storage exactly as it would have been from memory.
/// </summary>
public sealed class IdempotencyWindowTests
{
    private static readonly EngineOptions Window3 = new() { IdempotencyWindow = 3 };

    [Fact]
    public void ForgottenId_NeedsStorage_AndTheStoredOrderGivesTheSameDuplicateAnswer()
    {
        var book = new Book(options: Window3);
        book.Quote("EURUSD", 1.10000m, 1.10010m);
        var first = book.Buy(0.10m, id: "first");
        for (var index = 0; index < 5; index++)
        {
            book.Buy(0.01m);
        }

        Assert.Equal(3, book.Core.ForgetDecidedOrders(book.Core.LastSequence));
        Assert.Equal(3, book.Core.RememberedDecidedOrders);

        var asked = book.Buy(0.10m, id: "first");
        Assert.Equal(OutcomeKind.RecallNeeded, asked.Kind);
        Assert.Empty(book.Core.TakeEvents());

        var stored = StoredOrder(book, "first");
        var again = book.Submit(Request("first", 0.10m) with { Recall = new StoredRecall(asked.RecallThrough, stored) });
        Assert.True(again.Duplicate);
        Assert.Equal(first.Order!.Ticket, again.Order!.Ticket);
        Assert.Equal(first.DealTicket, again.DealTicket);
        Assert.Equal(first.Price, again.Price);
        Assert.Equal(first.Retcode, again.Retcode);

        var conflict = book.Submit(Request("first", 0.20m) with { Recall = new StoredRecall(asked.RecallThrough, stored) });
        Assert.Equal(OutcomeKind.Conflict, conflict.Kind);
        Assert.Equal(0.15m, Assert.Single(book.Positions()).Position.Volume);
    }

    [Fact]
    public void NewId_OnAnAccountThatForgot_IsDecidedWithoutStorage()
    {
        var book = new Book(options: Window3);
        book.Quote("EURUSD", 1.10000m, 1.10010m);
        for (var index = 0; index < 6; index++)
        {
            book.Buy(0.01m);
        }

        book.Core.ForgetDecidedOrders(book.Core.LastSequence);

        // The filter of forgotten ids says "certainly not": no storage read. (A false "maybe" is possible in
        // principle; these ids were checked against the fixed hash.)
        var fresh = book.Buy(0.01m, id: "never-used");
        Assert.Equal(OutcomeKind.Decided, fresh.Kind);
        Assert.Equal(TradeRetcode.Done, fresh.Retcode);
    }

    [Fact]
    public void Forgetting_WaitsUntilStorageHoldsTheOrder()
    {
        var book = new Book(options: Window3);
        book.Quote("EURUSD", 1.10000m, 1.10010m);
        var before = book.Core.LastSequence;
        for (var index = 0; index < 6; index++)
        {
            book.Buy(0.01m);
        }

        Assert.Equal(0, book.Core.ForgetDecidedOrders(before));
        Assert.Equal(6, book.Core.RememberedDecidedOrders);
        Assert.True(book.Core.IdempotencyWindowOverflows);
    }

    [Fact]
    public void WorkingOrders_AreNeverForgotten()
    {
        var book = new Book(options: Window3);
        book.Quote("EURUSD", 1.10000m, 1.10010m);
        var pending = Enumerable.Range(0, 6).Select(_ => book.Pending(OrderType.BuyLimit, 0.01m, 1.09000m)).ToList();
        for (var index = 0; index < 6; index++)
        {
            book.Buy(0.01m);
        }

        book.Core.ForgetDecidedOrders(book.Core.LastSequence);

        foreach (var order in pending)
        {
            var cancel = book.Run((core, now) => core.Cancel(new CancelOrderRequest { AccountId = Book.Netting, ClientOrderId = order.Order!.ClientOrderId }, now));
            Assert.Equal(TradeRetcode.Done, cancel.Retcode);
        }
    }

    [Fact]
    public void AStorageAnswer_StaysValid_WhenOnlyOtherIdsWereForgottenAfterTheRead()
    {
        var book = new Book(options: Window3);
        book.Quote("EURUSD", 1.10000m, 1.10010m);
        BuyAndForget(book, 4);
        var asked = book.Buy(0.01m, id: "t1");
        Assert.Equal(OutcomeKind.RecallNeeded, asked.Kind);

        // Under load the account forgets more on every batch while storage is read: that must not send the
        // request back to storage again and again (before, four such rounds answered UNAVAILABLE).
        for (var round = 0; round < 6; round++)
        {
            BuyAndForget(book, 4);
        }

        var decided = book.Submit(Request("t1", 0.01m) with { Recall = new StoredRecall(asked.RecallThrough, null) });
        Assert.Equal(OutcomeKind.Decided, decided.Kind);
        Assert.Equal(TradeRetcode.Done, decided.Retcode);
    }

    [Fact]
    public void AStorageAnswer_ReadBeforeThatIdWasForgotten_IsNotTrusted()
    {
        var book = new Book(options: Window3);
        book.Quote("EURUSD", 1.10000m, 1.10010m);
        BuyAndForget(book, 4);
        var readAt = book.Core.LastSequence;
        var late = book.Buy(0.10m, id: "late");
        BuyAndForget(book, 4);

        // An answer read before "late" was forgotten cannot know it: trusting it would open a second position.
        var stale = book.Submit(Request("late", 0.10m) with { Recall = new StoredRecall(readAt, null) });
        Assert.Equal(OutcomeKind.RecallNeeded, stale.Kind);
        Assert.True(stale.RecallThrough > readAt);
        var answered = book.Submit(Request("late", 0.10m) with { Recall = new StoredRecall(stale.RecallThrough, StoredOrder(book, "late")) });
        Assert.True(answered.Duplicate);
        Assert.Equal(late.Order!.Ticket, answered.Order!.Ticket);
    }

    [Fact]
    public void AStorageAnswer_OlderThanTheRecentIdsReach_IsNotTrusted()
    {
        var book = new Book(options: new EngineOptions { IdempotencyWindow = 0 });
        book.Quote("EURUSD", 1.10000m, 1.10010m);
        book.Buy(0.01m);
        book.Core.ForgetDecidedOrders(book.Core.LastSequence);
        var asked = book.Buy(0.01m, id: "t1");
        Assert.Equal(OutcomeKind.RecallNeeded, asked.Kind);

        // More ids forgotten than the engine keeps with their sequence: it can no longer tell what the read missed.
        for (var index = 0; index < 17_000; index++)
        {
            book.Buy(0.01m);
            book.Sell(0.01m);
        }

        book.Core.ForgetDecidedOrders(book.Core.LastSequence);
        var stale = book.Submit(Request("t1", 0.01m) with { Recall = new StoredRecall(asked.RecallThrough, null) });
        Assert.Equal(OutcomeKind.RecallNeeded, stale.Kind);
    }

    [Fact]
    public void ClosingAClosedPosition_WithAForgottenId_ReplaysTheClose()
    {
        var book = new Book(options: Window3);
        book.Quote("EURUSD", 1.10000m, 1.10010m);
        var opened = book.Buy(0.10m, account: Book.Hedging);
        var close = new ClosePositionRequest { AccountId = Book.Hedging, PositionTicket = opened.PositionTicket, ClientOrderId = "close-1" };
        var closed = book.Run((core, now) => core.ClosePosition(close, now));
        for (var index = 0; index < 5; index++)
        {
            book.Buy(0.01m, account: Book.Hedging);
        }

        book.Core.ForgetDecidedOrders(book.Core.LastSequence);

        var asked = book.Run((core, now) => core.ClosePosition(close, now));
        Assert.Equal(OutcomeKind.RecallNeeded, asked.Kind);
        var again = book.Run((core, now) => core.ClosePosition(close with { Recall = new StoredRecall(asked.RecallThrough, StoredOrder(book, "close-1", Book.Hedging)) }, now));
        Assert.True(again.Duplicate);
        Assert.Equal(closed.DealTicket, again.DealTicket);
    }

    [Fact]
    public void MarginMode_StaysLocked_WhenEveryOrderOfTheAccountWasForgotten()
    {
        var book = new Book(options: new EngineOptions { IdempotencyWindow = 0 });
        book.Quote("EURUSD", 1.10000m, 1.10010m);
        book.Buy(0.01m);
        book.Core.ForgetDecidedOrders(book.Core.LastSequence);
        Assert.Equal(0, book.Core.RememberedDecidedOrders);

        var change = book.Run((core, now) => core.UpdateAccount(Book.Netting, new AccountUpdate { MarginMode = MarginMode.RetailHedging }, now));

        Assert.NotNull(change.Refusal);
    }

    [Fact]
    public void AfterARestartWithUnloadedOrders_IdsAreLookedUpUntilTheFilterIsSealed()
    {
        var snapshot = new EngineSnapshot
        {
            Accounts = [Book.Account(Book.Netting, MarginMode.RetailNetting, 10_000m)],
            AccountsWithUnloadedOrders = [Book.Netting],
            UnloadedOrders = 2,
            LastSequence = 50,
            LastOrderTicket = 1_000_010,
        };
        var book = new Book(snapshot: snapshot, options: Window3);
        book.Quote("EURUSD", 1.10000m, 1.10010m);
        var filter = Assert.IsType<ClientIdFilter>(book.Core.StoredClientIds);

        Assert.Equal(OutcomeKind.RecallNeeded, book.Buy(0.01m, id: "fresh").Kind);

        filter.Add(Book.Netting, "old-1");
        filter.Add(Book.Netting, "old-2");
        filter.Seal();
        Assert.Equal(OutcomeKind.RecallNeeded, book.Buy(0.01m, id: "old-1").Kind);
        Assert.Equal(TradeRetcode.Done, book.Buy(0.01m, id: "fresh").Retcode);
    }

    /// <summary>
    /// The same random requests against an engine that never forgets and one that keeps 3 decided orders, whose
    /// "storage" lags its events: every outcome and every event is the same.
    /// </summary>
    [Fact]
    public void ABoundedWindow_DecidesExactlyAsAnUnboundedOne()
    {
        var recalls = 0;
        for (var seed = 1; seed <= 40; seed++)
        {
            var random = new Random(seed);
            var unbounded = new Book();
            var bounded = new Book(options: Window3);
            var storage = new Storage();
            storage.Recalled += () => recalls++;
            foreach (var book in new[] { unbounded, bounded })
            {
                book.Quote("EURUSD", 1.10000m, 1.10010m);
                book.Quote("GBPUSD", 1.27000m, 1.27020m);
            }

            for (var step = 0; step < 120; step++)
            {
                var action = random.Next(10);
                var id = $"c{random.Next(25)}";
                var account = random.Next(2) == 0 ? Book.Netting : Book.Hedging;
                var volume = random.Next(2) == 0 ? 0.01m : 0.02m;
                var side = random.Next(2) == 0 ? OrderType.Buy : OrderType.Sell;
                Func<StoredRecall?, Func<EngineCore, long, TradeOutcome>> command = action switch
                {
                    < 5 => recall => (core, now) => core.Submit(Request(id, volume, account, side) with { Recall = recall }, now),
                    < 7 => recall => (core, now) => core.Submit(Request(id, 0.01m, account, OrderType.BuyLimit) with { Price = 1.05m, Recall = recall }, now),
                    < 8 => _ => (core, now) => core.Cancel(new CancelOrderRequest { AccountId = account, ClientOrderId = id }, now),
                    _ => recall => (core, now) => core.ClosePosition(
                        new ClosePositionRequest { AccountId = account, PositionTicket = (core.ListPositions(account, null) ?? []).Select(view => view.Position.Ticket).FirstOrDefault(), ClientOrderId = id, Recall = recall }, now),
                };
                var expected = Run(unbounded, command, null, account);
                var actual = Run(bounded, command, storage, account);
                Assert.Equal(Describe(expected), Describe(actual));

                if (random.Next(8) == 0)
                {
                    var symbol = random.Next(2) == 0 ? "EURUSD" : "GBPUSD";
                    var bid = 1.0m + (random.Next(5_000) / 10_000m);
                    unbounded.Quote(symbol, bid, bid + 0.0002m);
                    bounded.Quote(symbol, bid, bid + 0.0002m);
                }

                // Storage lags the engine by a few events, as the projector does.
                storage.Catch(bounded.Events, bounded.Core.LastSequence - (ulong)Math.Min(random.Next(6), (int)bounded.Core.LastSequence));
                bounded.Core.ForgetDecidedOrders(storage.Through);
            }

            Assert.Equal(unbounded.Events.Count, bounded.Events.Count);
            for (var index = 0; index < unbounded.Events.Count; index++)
            {
                Assert.Equal(Describe(unbounded.Events[index]), Describe(bounded.Events[index]));
            }

            Assert.InRange(bounded.Core.RememberedDecidedOrders, 0, 3 + 6); // the capacity plus what storage did not hold yet
        }

        Assert.True(recalls > 100, $"only {recalls} requests needed storage: the test did not exercise forgetting");
    }

    /// <summary>Decides <paramref name="orders"/> small buys, then lets the engine forget what storage (all of it, here) holds.</summary>
    private static void BuyAndForget(Book book, int orders)
    {
        for (var index = 0; index < orders; index++)
        {
            book.Buy(0.01m);
        }

        book.Core.ForgetDecidedOrders(book.Core.LastSequence);
    }

    private static TradeOutcome Run(Book book, Func<StoredRecall?, Func<EngineCore, long, TradeOutcome>> command, Storage? storage, long account)
    {
        StoredRecall? recall = null;
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var outcome = book.Run(command(recall));
            if (outcome.Kind != OutcomeKind.RecallNeeded)
            {
                return outcome;
            }

            Assert.NotNull(storage);
            Assert.True(storage.Through >= outcome.RecallThrough, "the engine forgot an order storage does not hold yet");
            recall = new StoredRecall(outcome.RecallThrough, storage.Find(account, outcome.ClientOrderId));
            storage.Recalled?.Invoke();
            book.NowMs -= 10; // the retry is the same request at the same time
        }

        throw new InvalidOperationException("the engine kept asking for storage");
    }

    private static string Describe(TradeOutcome outcome) =>
        $"{outcome.Kind} {outcome.Retcode} {outcome.Message} {outcome.Order?.Ticket} {outcome.Order?.State} {outcome.DealTicket} {outcome.PositionTicket} {outcome.Volume} {outcome.Price} {outcome.Duplicate}";

    private static string Describe(EngineEvent engineEvent) => engineEvent switch
    {
        OrderEvent order => $"{order.Sequence} order {order.Order} {order.IsNew}",
        DealEvent deal => $"{deal.Sequence} deal {deal.Deal}",
        PositionEvent position => $"{position.Sequence} position {position.Position} {position.Closed}",
        AccountEvent account => $"{account.Sequence} account {account.Snapshot.Account} {account.Snapshot.Equity} {account.Snapshot.Margin}",
        _ => engineEvent.ToString(),
    };

    private static OrderRequest Request(string id, decimal volume, long account = Book.Netting, OrderType type = OrderType.Buy) => new()
    {
        AccountId = account,
        ClientOrderId = id,
        Symbol = "EURUSD",
        Type = type,
        Volume = volume,
    };

    /// <summary>The latest state of an order with this client order id, from the events (what storage would hold).</summary>
    private static Order? StoredOrder(Book book, string clientOrderId, long account = Book.Netting) =>
        book.Events.OfType<OrderEvent>().Select(e => e.Order).LastOrDefault(order => order.AccountId == account && order.ClientOrderId == clientOrderId);

    /// <summary>Orders as storage holds them: every order event up to <see cref="Through"/>.</summary>
    private sealed class Storage
    {
        private readonly Dictionary<(long, string), Order> _orders = [];
        private int _read;

        public ulong Through { get; private set; }

        public Action? Recalled { get; set; }

        public void Catch(List<EngineEvent> events, ulong through)
        {
            while (_read < events.Count && events[_read].Sequence <= through)
            {
                if (events[_read] is OrderEvent order)
                {
                    _orders[(order.Order.AccountId, order.Order.ClientOrderId)] = order.Order;
                }

                Through = Math.Max(Through, events[_read].Sequence);
                _read++;
            }
        }

        public Order? Find(long account, string clientOrderId) => _orders.GetValueOrDefault((account, clientOrderId));
    }
}
