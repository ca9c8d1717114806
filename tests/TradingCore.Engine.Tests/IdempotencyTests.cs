using System.Globalization;
using System.Text;
using TradingCore.Engine.Commands;
using TradingCore.Engine.Core;
using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Tests;

public sealed class IdempotencyTests
{
    [Fact]
    public void Resubmit_SameIdSameParameters_ReturnsOriginalOutcomeWithoutSecondDeal()
    {
        var book = new Book();
        book.Quote("EURUSD", 1.10000m, 1.10010m);
        var first = book.Buy(0.10m, id: "order-1");
        book.Quote("EURUSD", 1.10100m, 1.10110m);

        var again = book.Buy(0.10m, id: "order-1");

        Assert.True(again.Duplicate);
        Assert.Equal(first.Order!.Ticket, again.Order!.Ticket);
        Assert.Equal(first.DealTicket, again.DealTicket);
        Assert.Equal(1.10010m, again.Price);
        Assert.Single(book.Deals(), deal => deal.Type == DealType.Buy);
        Assert.Equal(0.10m, Assert.Single(book.Positions()).Position.Volume);
    }

    [Fact]
    public void Resubmit_SameIdDifferentParameters_IsConflict()
    {
        var book = new Book();
        book.Quote("EURUSD", 1.10000m, 1.10010m);
        book.Buy(0.10m, id: "order-1");

        var conflict = book.Buy(0.20m, id: "order-1");

        Assert.Equal(OutcomeKind.Conflict, conflict.Kind);
        Assert.Equal(0.10m, Assert.Single(book.Positions()).Position.Volume);
    }

    [Fact]
    public void Resubmit_RejectedOrder_ReturnsTheSameRejection()
    {
        var book = new Book();
        var first = book.Buy(0.10m, id: "early"); // no quote yet: PRICE_OFF
        book.Quote("EURUSD", 1.10000m, 1.10010m);

        var again = book.Buy(0.10m, id: "early");

        Assert.Equal(TradeRetcode.PriceOff, first.Retcode);
        Assert.Equal(TradeRetcode.PriceOff, again.Retcode);
        Assert.True(again.Duplicate);
        Assert.Empty(book.Positions());
    }

    [Fact]
    public void Resubmit_AfterRestartFromSnapshot_IsStillADuplicate()
    {
        var book = new Book();
        book.Quote("EURUSD", 1.10000m, 1.10010m);
        var first = book.Buy(0.10m, id: "order-1");

        var restarted = new EngineCore(TestSymbols.All, Snapshots.FromEvents(book.Events));
        restarted.ApplyTick(new Tick("EURUSD", book.NowMs + 1, 1.10000m, 1.10010m, 0, 0, 6), book.NowMs + 1, out _);
        var again = restarted.Submit(new OrderRequest { AccountId = Book.Netting, ClientOrderId = "order-1", Symbol = "EURUSD", Type = OrderType.Buy, Volume = 0.10m }, book.NowMs + 2);

        Assert.True(again.Duplicate);
        Assert.Equal(first.Order!.Ticket, again.Order!.Ticket);
        Assert.Single(restarted.ListPositions(Book.Netting, null)!);
    }

    [Fact]
    public void Fingerprint_EqualDecimalsWithDifferentScale_AreTheSameRequest()
    {
        var a = new OrderRequest { AccountId = 1, ClientOrderId = "x", Symbol = "EURUSD", Type = OrderType.Buy, Volume = 0.1m };
        var b = a with { Volume = 0.100m };

        Assert.Equal(a.Fingerprint(), b.Fingerprint());
        Assert.NotEqual(a.Fingerprint(), (a with { Volume = 0.2m }).Fingerprint());
    }

    /// <summary>
    /// Fingerprints are stored with orders and compared with a resubmission's after a restart: their text may never
    /// change. Pinned literally and against the StringBuilder form earlier versions stored, over random requests.
    /// </summary>
    [Fact]
    public void Fingerprint_TextIsTheStoredFormat()
    {
        var full = new OrderRequest
        {
            AccountId = 1, ClientOrderId = "x", Symbol = "EURUSD", Type = OrderType.BuyStopLimit, Volume = 1.50m, Price = 1.2m,
            StopLimitPrice = 1.19000m, StopLoss = 1.1m, TakeProfit = null, DeviationPoints = 20, Filling = OrderFilling.Ioc,
            TimeType = null, ExpirationTimeMs = -5, Magic = ulong.MaxValue, PositionTicket = 7, Comment = "a|b é",
        };
        Assert.Equal($"EURUSD|{(int)OrderType.BuyStopLimit}|1.5|1.2|1.19|1.1|-|20|{(int)OrderFilling.Ioc}|-|-5|18446744073709551615|7|a|b é", full.Fingerprint());

        var random = new Random(3);
        decimal? Price() => random.Next(4) == 0 ? null : new decimal(random.Next(), random.Next(), random.Next(8), random.Next(2) == 0, (byte)random.Next(29));
        for (var round = 0; round < 2_000; round++)
        {
            var request = new OrderRequest
            {
                AccountId = 1, ClientOrderId = "x", Symbol = round % 2 == 0 ? "EURUSD" : new string('S', random.Next(0, 40)),
                Type = (OrderType)random.Next(0, 8), Volume = Price() ?? 0.01m, Price = Price(), StopLimitPrice = Price(), StopLoss = Price(),
                TakeProfit = Price(), DeviationPoints = (uint)random.Next(), Filling = random.Next(3) == 0 ? null : (OrderFilling)random.Next(0, 4),
                TimeType = random.Next(3) == 0 ? null : (OrderTimeType)random.Next(0, 4), ExpirationTimeMs = random.NextInt64(long.MinValue, long.MaxValue),
                Magic = (ulong)random.NextInt64(), PositionTicket = (ulong)random.NextInt64(), Comment = new string('c', random.Next(0, 300)),
            };
            Assert.Equal(StoredFormat(request), request.Fingerprint());
        }
    }

    /// <summary>How versions before 2026-12-06 built the fingerprint (the text stored with their orders).</summary>
    private static string StoredFormat(OrderRequest request)
    {
        static void Append(StringBuilder text, decimal? value) =>
            text.Append(value is null ? "-" : DecimalMath.Normalize(value.Value).ToString(CultureInfo.InvariantCulture)).Append('|');

        var text = new StringBuilder(128);
        text.Append(request.Symbol).Append('|').Append((int)request.Type).Append('|');
        Append(text, request.Volume);
        Append(text, request.Price);
        Append(text, request.StopLimitPrice);
        Append(text, request.StopLoss);
        Append(text, request.TakeProfit);
        text.Append(request.DeviationPoints).Append('|')
            .Append(request.Filling is null ? "-" : ((int)request.Filling).ToString(CultureInfo.InvariantCulture)).Append('|')
            .Append(request.TimeType is null ? "-" : ((int)request.TimeType).ToString(CultureInfo.InvariantCulture)).Append('|')
            .Append(request.ExpirationTimeMs).Append('|').Append(request.Magic).Append('|').Append(request.PositionTicket).Append('|')
            .Append(request.Comment);
        return text.ToString();
    }
}
