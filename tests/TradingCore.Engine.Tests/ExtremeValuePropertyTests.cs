using TradingCore.Engine.Commands;
using TradingCore.Engine.Core;
using TradingCore.Engine.Domain;
using TradingCore.Engine.Events;

namespace TradingCore.Engine.Tests;

/// <summary>
/// Random commands and ticks with extreme values (int64 and decimal edges, zero, negatives, huge spreads, far-future
/// and negative times, specs at and beyond the ranges) go straight into <see cref="EngineCore"/>, with no host
/// validation in front. After every step: a call either completed or threw before emitting any event (the loop
/// then refuses it and goes on: it never halts), and the book's invariants hold. Seeds are fixed.
/// </summary>
public sealed class ExtremeValuePropertyTests
{
    private const int Sequences = 150;
    private const int Steps = 60;

    private static readonly decimal[] Prices =
    [
        0m, -1m, 0.000000001m, 0.0000000001m, 0.00001m, 1m, 1.1m, 1.10001m, 150.123m, 2000.5m, 999_999_999m, 1_000_000_000m,
        1_000_000_001m, 9_223_372_036_854_775_807m, 9_300_000_000_000_000_000m, decimal.MaxValue, decimal.MinValue,
    ];

    private static readonly decimal[] Volumes =
    [
        0m, -0.01m, 0.000000001m, 0.01m, 0.1m, 1m, 50m, 100m, 1_000_000m, 100_000_000m, 100_000_001m, decimal.MaxValue,
    ];

    private static readonly decimal[] Amounts =
    [
        0m, 1m, -1m, 1_000_000_000_000_000m, -1_000_000_000_000_000m, 1_000_000_000_000_001m, decimal.MaxValue, decimal.MinValue,
    ];

    private static readonly long[] Times =
    [
        long.MinValue, -1, 0, 1, 1_767_225_600_000, 32_503_679_999_999, 32_503_680_000_000, 253_402_300_800_000, long.MaxValue,
    ];

    private static readonly SymbolSpec Big = TestSymbols.EurUsd with
    {
        Name = "BIGUSD",
        CurrencyBase = "BIG",
        CurrencyMargin = "USD",
        ContractSize = 1_000_000m,
        VolumeMin = 0.01m,
        VolumeMax = 100_000_000m,
        StopsLevel = 0,
    };

    private static readonly string[] Symbols = ["EURUSD", "USDJPY", "XAUUSD", "BIGUSD", "NOPE"];

    [Fact]
    public void RandomExtremeSequences_NeverHaltAndKeepTheInvariants()
    {
        var deals = 0;
        var refusals = 0;
        for (var seed = 1; seed <= Sequences; seed++)
        {
            (var sequenceDeals, var sequenceRefusals) = RunSequence(seed);
            deals += sequenceDeals;
            refusals += sequenceRefusals;
        }

        // The sequences must reach the book, not only bounce off validation.
        Assert.True(deals > 100, $"only {deals} deals were made");
        Assert.True(refusals > 100, $"only {refusals} calls were refused by throwing");
    }

    private static (int Deals, int Refusals) RunSequence(int seed)
    {
        var deals = 0;
        var refusals = 0;
        var random = new Random(seed);
        var core = new EngineCore([.. TestSymbols.All, Big], EngineSnapshot.Empty);
        var nowMs = 1_767_225_600_000L;
        core.CreateAccount(Book.Account(1, MarginMode.RetailNetting, 1_000_000_000_000_000m), nowMs);
        core.CreateAccount(Book.Account(2, MarginMode.RetailHedging, 1_000m), nowMs);
        core.TakeEvents();
        var lastSequence = core.LastSequence;
        for (var step = 0; step < Steps; step++)
        {
            nowMs += random.Next(1, 100_000);
            var what = Step(core, random, nowMs);
            var context = $"seed {seed} step {step}: {what}";
            try
            {
                what.Run();
            }
            catch (Exception error)
            {
                // The loop turns a throw before the first event into a refusal; after it, into a halt.
                Assert.False(core.HasEvents, $"{context} threw {error.GetType().Name} after changing state: the engine would halt");
                refusals++;
            }

            var events = core.TakeEvents();
            deals += events.Count(engineEvent => engineEvent is DealEvent { Deal.Type: DealType.Buy or DealType.Sell });
            foreach (var engineEvent in events)
            {
                Assert.True(engineEvent.Sequence == ++lastSequence, $"{context}: event sequence gap");
            }

            CheckInvariants(core, nowMs, context);
        }

        return (deals, refusals);
    }

    private sealed record Op(string Name, Action Run)
    {
        public override string ToString() => Name;
    }

    private static Op Step(EngineCore core, Random random, long nowMs)
    {
        var symbol = Pick(random, Symbols);
        var account = random.Next(3) == 0 ? Pick(random, new long[] { 2, long.MaxValue, -1, 0 }) : 1;
        switch (random.Next(12))
        {
            case 0 or 1 or 2:
            {
                var bid = random.Next(3) == 0 ? Pick(random, Prices) : Plausible(symbol, random);
                var ask = random.Next(4) == 0 || bid > 1_000_000_000_000m ? Pick(random, Prices) : bid + Pick(random, [0m, 0.00001m, 0.01m, 100_000m]);
                var time = random.Next(4) == 0 ? Pick(random, Times) : nowMs;
                var tick = new Tick(symbol, time, bid, ask, Pick(random, [0m, -1m, bid, decimal.MaxValue]), Pick(random, [0m, 1m, -1m, decimal.MaxValue]), 6);
                return new($"tick {symbol} {bid}/{ask} @{time}", () => core.ApplyTick(tick, nowMs, out _));
            }

            case 3 or 4 or 5 when random.Next(2) == 0:
            {
                // A well-formed market order, so sequences reach the book and its accounting.
                var request = new OrderRequest
                {
                    AccountId = random.Next(3) == 0 ? 2 : 1,
                    ClientOrderId = $"m{random.Next(1_000)}",
                    Symbol = symbol,
                    Type = random.Next(2) == 0 ? OrderType.Buy : OrderType.Sell,
                    Volume = symbol == "BIGUSD" ? Pick(random, [0.01m, 1_000m, 100_000_000m]) : Pick(random, [0.01m, 0.1m, 1m]),
                };
                return new($"market {request.Type} {request.Volume} {symbol} on {request.AccountId}", () => core.Submit(request, nowMs));
            }

            case 3 or 4 or 5:
            {
                var type = Pick(random, Enum.GetValues<OrderType>());
                var request = new OrderRequest
                {
                    AccountId = account,
                    ClientOrderId = $"o{random.Next(1_000)}",
                    Symbol = symbol,
                    Type = type,
                    Volume = Pick(random, Volumes),
                    Price = random.Next(2) == 0 ? null : Pick(random, Prices),
                    StopLimitPrice = random.Next(2) == 0 ? null : Pick(random, Prices),
                    StopLoss = random.Next(3) == 0 ? Pick(random, Prices) : null,
                    TakeProfit = random.Next(3) == 0 ? Pick(random, Prices) : null,
                    DeviationPoints = Pick(random, [0u, 10u, uint.MaxValue]),
                    TimeType = random.Next(2) == 0 ? null : Pick(random, Enum.GetValues<OrderTimeType>()),
                    ExpirationTimeMs = Pick(random, Times),
                    PositionTicket = random.Next(3) == 0 ? Pick(random, new ulong[] { 1_000_001, ulong.MaxValue }) : 0,
                };
                return random.Next(4) == 0
                    ? new($"check {type} {request.Volume} {symbol}", () => core.Check(request, nowMs))
                    : new($"submit {type} {request.Volume} {symbol} @{request.Price}", () => core.Submit(request, nowMs));
            }

            case 6:
            {
                var ticket = AnyPosition(core, random);
                var volume = random.Next(2) == 0 ? null : (decimal?)Pick(random, Volumes);
                return new($"close {ticket} {volume}", () => core.ClosePosition(new ClosePositionRequest { AccountId = account, PositionTicket = ticket, Volume = volume, ClientOrderId = $"c{random.Next(1_000)}" }, nowMs));
            }

            case 7:
            {
                var ticket = AnyPosition(core, random);
                var sl = Pick(random, Prices);
                return new($"modify position {ticket} sl {sl}", () => core.ModifyPosition(new ModifyPositionRequest { AccountId = account, PositionTicket = ticket, StopLoss = sl, TakeProfit = random.Next(2) == 0 ? null : Pick(random, Prices) }, nowMs));
            }

            case 8:
            {
                var amount = Pick(random, Amounts);
                return new($"balance {account} {amount}", () => core.AdjustBalance(account, amount, "x", nowMs));
            }

            case 9:
            {
                var first = AnyPosition(core, random);
                var second = AnyPosition(core, random);
                return new($"close-by {first} {second}", () => core.ClosePositionBy(new ClosePositionByRequest { AccountId = 2, PositionTicket = first, OppositePositionTicket = second, ClientOrderId = $"b{random.Next(1_000)}" }, nowMs));
            }

            case 10:
            {
                var spec = TestSymbols.EurUsd with
                {
                    Name = Pick(random, ["EURUSD", "NEW1", "bad name", "../x"]),
                    ContractSize = Pick(random, [1m, 100_000m, 100_000_000m, 1_000_000_000_000m]),
                    VolumeMax = Pick(random, [100m, 100_000_000m, 1_000_000_000_000m]),
                    MarginRate = Pick(random, [1m, 1_000m, 1_000_000_000_000m]),
                    TickSize = Pick(random, [0.00001m, 0m, 0.000000001m]),
                };
                return new($"upsert {spec.Name} cs {spec.ContractSize} vm {spec.VolumeMax} mr {spec.MarginRate}", () => core.UpsertSymbol(spec));
            }

            default:
            {
                var id = random.Next(2) == 0 ? core.NextAccountId() : Pick(random, [1L, ValueRanges.MaxAccountId, long.MaxValue, -5]);
                var balance = Pick(random, Amounts);
                var leverage = Pick(random, [1, 100, 10_000, 0, int.MaxValue]);
                return new($"create {id} {balance} 1:{leverage}", () => core.CreateAccount(Book.Account(id, MarginMode.RetailNetting, balance) with { Leverage = leverage }, nowMs));
            }
        }
    }

    private static void CheckInvariants(EngineCore core, long nowMs, string context)
    {
        foreach (var snapshot in core.ListAccounts(nowMs))
        {
            var account = snapshot.Account;
            Assert.True(ValueRanges.IsAccountId(account.AccountId), $"{context}: account id {account.AccountId} out of range");
            Assert.True(ValueRanges.IsBookable(account.Balance), $"{context}: balance {account.Balance} not bookable");
            if (snapshot.Pricing != PriceState.Missing)
            {
                Assert.True(ValueRanges.IsBookable(snapshot.Equity) && ValueRanges.IsBookable(snapshot.Margin) && ValueRanges.IsBookable(snapshot.FreeMargin), $"{context}: figures of {account.AccountId} not representable");
            }

            foreach (var view in core.ListPositions(account.AccountId, null)!)
            {
                Assert.True(view.Position.Volume > 0m, $"{context}: empty position {view.Position.Ticket}");
                Assert.True(ValueRanges.IsBookable(view.Profit), $"{context}: position profit not representable");
            }

            foreach (var order in core.ListOpenOrders(account.AccountId)!)
            {
                Assert.True(order.IsWorking, $"{context}: order {order.Ticket} listed as working in state {order.State}");
                Assert.True(ValueRanges.IsVolume(order.VolumeCurrent), $"{context}: working order volume {order.VolumeCurrent}");
            }
        }

        foreach (var spec in core.Symbols)
        {
            Assert.Empty(SymbolSpecRules.Problems(spec));
        }

        var problems = core.InternalStateProblems();
        Assert.True(problems.Count == 0, $"{context}: {string.Join("; ", problems)}");
    }

    /// <summary>A price near the symbol's market; BIGUSD jumps across the whole admitted range.</summary>
    private static decimal Plausible(string symbol, Random random) => symbol switch
    {
        "EURUSD" => 1.10000m + (random.Next(-500, 500) * 0.00001m),
        "USDJPY" => 150.000m + (random.Next(-500, 500) * 0.001m),
        "XAUUSD" => 2000.00m + (random.Next(-500, 500) * 0.01m),
        _ => Pick(random, [0.00001m, 1m, 1_000m, 1_000_000_000m]),
    };

    private static ulong AnyPosition(EngineCore core, Random random)
    {
        var tickets = core.ListAccounts(0).SelectMany(snapshot => core.ListPositions(snapshot.Account.AccountId, null)!).Select(view => view.Position.Ticket).ToList();
        return tickets.Count == 0 || random.Next(5) == 0 ? (ulong)random.Next(0, 3) : tickets[random.Next(tickets.Count)];
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> values) => values[random.Next(values.Count)];
}
