using Microsoft.Extensions.Time.Testing;
using TradingCore.Engine.Commands;
using TradingCore.Engine.Core;
using TradingCore.Engine.Domain;
using TradingCore.Engine.Loop;

namespace TradingCore.Engine.Tests;

/// <summary>
/// One input must never halt the engine: values out of range are refused where they enter the engine (ticks
/// dropped by reason, commands refused with state unchanged), figures the engine cannot compute are never decided
/// on, and the loop keeps serving everyone else.
/// </summary>
public sealed class HostileInputTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<decimal, decimal, long, decimal, decimal, TickRejection> BadTicks => new()
    {
        { 0m, 1.1m, 1_000, 0m, 0m, TickRejection.PriceOutOfRange },
        { -1m, 1.1m, 1_000, 0m, 0m, TickRejection.PriceOutOfRange },
        { 1.1m, 10_000_000_000_000_000_000m, 1_000, 0m, 0m, TickRejection.PriceOutOfRange },
        { 9_300_000_000_000_000_000m, 9_300_000_000_000_000_000m, 1_000, 0m, 0m, TickRejection.PriceOutOfRange },
        { decimal.MaxValue, decimal.MaxValue, 1_000, 0m, 0m, TickRejection.PriceOutOfRange },
        { 1_000_000_001m, 1_000_000_001m, 1_000, 0m, 0m, TickRejection.PriceOutOfRange },
        { 1.0000000001m, 1.1m, 1_000, 0m, 0m, TickRejection.PriceOutOfRange },
        { 1.2m, 1.1m, 1_000, 0m, 0m, TickRejection.Crossed },
        { 1.1m, 1.2m, -1, 0m, 0m, TickRejection.TimeOutOfRange },
        { 1.1m, 1.2m, ValueRanges.EndTimeMs, 0m, 0m, TickRejection.TimeOutOfRange },
        { 1.1m, 1.2m, long.MaxValue, 0m, 0m, TickRejection.TimeOutOfRange },
        { 1.1m, 1.2m, long.MinValue, 0m, 0m, TickRejection.TimeOutOfRange },
        { 1.1m, 1.2m, 1_000, -5m, 0m, TickRejection.LastOrVolumeOutOfRange },
        { 1.1m, 1.2m, 1_000, 0m, -1m, TickRejection.LastOrVolumeOutOfRange },
        { 1.1m, 1.2m, 1_000, 0m, decimal.MaxValue, TickRejection.LastOrVolumeOutOfRange },
    };

    [Theory]
    [MemberData(nameof(BadTicks))]
    public void ApplyTick_ValuesOutOfRange_AreNotAppliedAndSayWhy(decimal bid, decimal ask, long timeMs, decimal last, decimal volume, TickRejection expected)
    {
        var book = new Book();
        book.Quote("EURUSD", 1.10000m, 1.10010m);

        var applied = book.Core.ApplyTick(new Tick("EURUSD", timeMs, bid, ask, last, volume, 6), book.NowMs, out _, out var rejection);

        Assert.False(applied);
        Assert.Equal(expected, rejection);
        Assert.Equal(1.10000m, book.Core.LastTick("EURUSD")!.Value.Bid);
    }

    [Fact]
    public void ApplyTick_AHugeSpreadWithinRange_IsApplied()
    {
        var book = new Book();

        Assert.True(book.Core.ApplyTick(new Tick("EURUSD", 1_000, 1.00000m, 100_000.00000m, 0m, 0m, 6), book.NowMs, out _, out var rejection));
        Assert.Equal(TickRejection.None, rejection);
    }

    [Fact]
    public async Task Loop_HostileTicksAndAThrowingSink_AreCountedAndTradingGoesOn()
    {
        var core = new EngineCore(TestSymbols.All, EngineSnapshot.Empty);
        core.CreateAccount(Book.Account(Book.Netting, MarginMode.RetailNetting, 10_000m), 0);
        core.TakeEvents();
        var sink = new ThrowingSink();
        var engine = new TradingEngine(core, new ReleasingOutbox(), sink, new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_000)), new EngineOptions());
        engine.Start();

        foreach (var bad in new[] { new Tick("EURUSD", long.MaxValue, 1.1m, 1.2m, 0, 0, 6), new Tick("EURUSD", 1, decimal.MaxValue, decimal.MaxValue, 0, 0, 6), new Tick("NOPE", 1, 1.1m, 1.2m, 0, 0, 6) })
        {
            await engine.PublishTickAsync(bad, Token);
        }

        await engine.PublishTickAsync(new Tick("EURUSD", 1_000, 1.00000m, ThrowingSink.ThrowAtAsk, 0, 0, 6), Token);
        await engine.PublishTickAsync(new Tick("EURUSD", 2_000, 1.10000m, 1.10010m, 0, 0, 6), Token);
        var order = new OrderRequest { AccountId = Book.Netting, ClientOrderId = "after", Symbol = "EURUSD", Type = OrderType.Buy, Volume = 0.1m };
        var outcome = await engine.ExecuteAsync((c, now) => c.Submit(order, now), Token).WaitAsync(TimeSpan.FromSeconds(10), Token);

        Assert.Equal(TradeRetcode.Done, outcome.Retcode);
        Assert.True(engine.IsRunning);
        Assert.Equal(1, engine.RejectedTicks(TickRejection.TimeOutOfRange));
        Assert.Equal(1, engine.RejectedTicks(TickRejection.PriceOutOfRange));
        Assert.Equal(1, engine.RejectedTicks(TickRejection.UnknownSymbol));
        Assert.Equal(1, sink.Failures);
        await engine.StopAsync();
    }

    [Fact]
    public async Task Loop_ACommandThatThrowsBeforeChangingAnything_IsRefusedAndTheEngineGoesOn()
    {
        var core = new EngineCore(TestSymbols.All, EngineSnapshot.Empty);
        var engine = new TradingEngine(core, new ReleasingOutbox(), new ThrowingSink(), new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_000)), new EngineOptions());
        engine.Start();
        var refused = 0;
        engine.CommandRefused += _ => refused++;

        var error = await Assert.ThrowsAsync<EngineRefusedException>(() => engine.ExecuteAsync<bool>((_, _) => throw new OverflowException("value was too large"), Token));
        var hostile = Book.Account(long.MaxValue, MarginMode.RetailNetting, decimal.MaxValue);
        await Assert.ThrowsAsync<EngineRefusedException>(() => engine.ExecuteAsync((c, now) => c.CreateAccount(hostile, now), Token));
        var created = await engine.ExecuteAsync((c, now) => c.CreateAccount(Book.Account(1001, MarginMode.RetailNetting, 100m), now), Token);

        Assert.DoesNotContain("too large", error.Message, StringComparison.Ordinal);
        Assert.True(created);
        Assert.True(engine.IsRunning);
        Assert.Equal(2, engine.RefusedCommands);
        Assert.Equal(2, refused);
        Assert.False(await engine.QueryAsync((c, _) => c.HasAccount(long.MaxValue), Token));
        await engine.StopAsync();
    }

    [Fact]
    public void UpsertSymbol_ASpecOutOfRange_IsRefusedBeforeAnyChange()
    {
        var book = new Book();
        var huge = TestSymbols.EurUsd with { ContractSize = 1_000_000_000_000m, VolumeMax = 1_000_000_000_000m, MarginRate = 1_000_000_000_000m };

        Assert.Throws<ArgumentException>(() => book.Core.UpsertSymbol(huge));

        Assert.Equal(100_000m, book.Core.Symbols.Single(spec => spec.Name == "EURUSD").ContractSize);
        Assert.False(book.Core.HasEvents);
    }

    [Fact]
    public void NextAccountId_AfterTheHighestAdmittedId_TakesTheLowestFreeNumber()
    {
        var book = new Book();
        book.Core.CreateAccount(Book.Account(ValueRanges.MaxLiveAccountId, MarginMode.RetailNetting, 0m), book.NowMs);
        book.Core.CreateAccount(Book.Account(ValueRanges.MaxAccountId, MarginMode.RetailNetting, 0m), book.NowMs); // a backtest-range id counts for nothing
        var ids = new List<long>();
        for (var index = 0; index < 3; index++)
        {
            var id = book.Core.NextAccountId();
            Assert.True(book.Core.CreateAccount(Book.Account(id, MarginMode.RetailNetting, 0m), book.NowMs));
            ids.Add(id);
        }

        Assert.Equal([1002L, 1003L, 1004L], ids); // the Book holds 1001 and 2002
    }

    [Fact]
    public void Figures_BeyondTheBookableRange_AreMissingAndAClosingDealIsRefusedWithNothingChanged()
    {
        var big = TestSymbols.EurUsd with { Name = "BIGUSD", CurrencyBase = "BIG", CurrencyMargin = "USD", ContractSize = 1_000_000m, VolumeMax = 100_000_000m, VolumeStep = 1m, VolumeMin = 1m, StopsLevel = 0 };
        var book = new Book(balance: 1_000_000_000_000_000m, symbols: [.. TestSymbols.All, big]);
        book.Quote("BIGUSD", 0.00001m, 0.00002m);
        Assert.Equal(TradeRetcode.Done, book.Buy(100_000_000m, "BIGUSD").Retcode);

        book.Quote("BIGUSD", 1_000_000_000m, 1_000_000_000m);
        var account = book.Account();
        var position = Assert.Single(book.Positions());
        var close = book.Run((core, now) => core.ClosePosition(new ClosePositionRequest { AccountId = Book.Netting, PositionTicket = position.Position.Ticket, ClientOrderId = "close-huge" }, now));

        Assert.Equal(PriceState.Missing, account.Pricing);
        Assert.Equal(PriceState.Missing, position.Pricing);
        Assert.Equal(TradeRetcode.Invalid, close.Retcode);
        Assert.Single(book.Positions());
        Assert.Equal(1_000_000_000_000_000m, book.Account().Account.Balance);
    }

    [Fact]
    public void AccountWithAPositionWithoutAQuote_IsNotValuedOnZero()
    {
        var book = new Book(balance: 1_000m);
        book.Quote("XAUUSD", 2000.00m, 2000.50m);
        Assert.Equal(TradeRetcode.Done, book.Buy(0.10m, "XAUUSD").Retcode);
        var snapshot = new EngineSnapshot
        {
            Accounts = [book.Account().Account],
            Positions = [.. book.Positions().Select(view => view.Position)],
            LastOrderTicket = book.Core.LastOrderTicket,
            LastDealTicket = book.Core.LastDealTicket,
            LastSequence = book.Core.LastSequence,
        };
        var restarted = new Book(symbols: TestSymbols.All, snapshot: snapshot); // no quote at all after the restart

        var account = restarted.Account();
        var withdrawal = restarted.Run((core, now) => core.AdjustBalance(Book.Netting, -900m, "withdraw", now));
        var order = restarted.Run((core, now) => core.Check(new OrderRequest { AccountId = Book.Netting, ClientOrderId = "c", Symbol = "XAUUSD", Type = OrderType.Buy, Volume = 0.1m }, now));

        Assert.Equal(PriceState.Missing, account.Pricing);
        Assert.Equal(PriceState.Missing, Assert.Single(restarted.Positions()).Pricing);
        Assert.NotNull(withdrawal.Refusal);
        Assert.Equal(TradeRetcode.PriceOff, order.Retcode);
    }

    /// <summary>Throws for the tick whose ask is <see cref="ThrowAtAsk"/> (a huge spread a sink might not survive).</summary>
    private sealed class ThrowingSink : ITickSink
    {
        public const decimal ThrowAtAsk = 100_000.00000m;

        private int _failures;

        public int Failures => Volatile.Read(ref _failures);

        public void Publish(in Tick tick)
        {
            if (tick.Ask == ThrowAtAsk)
            {
                Interlocked.Increment(ref _failures);
                throw new OverflowException("a sink failed");
            }
        }
    }

    private sealed class ReleasingOutbox : IEngineOutbox
    {
        public void Enqueue(OutboxEntry entry) => entry.Reply?.Release();
    }
}
