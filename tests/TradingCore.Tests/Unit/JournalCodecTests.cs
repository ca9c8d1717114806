using System.Text.Json;
using TradingCore.Engine.Commands;
using TradingCore.Engine.Core;
using TradingCore.Engine.Domain;
using TradingCore.Engine.Loop;
using TradingCore.Mt5Feed.Symbols;
using TradingCore.Persistence;
using TradingCore.Persistence.Journal;

namespace TradingCore.Tests;

/// <summary>A journal record decodes to exactly the rows and events it was encoded from.</summary>
public sealed class JournalCodecTests
{
    [Fact]
    public void EncodeThenDecode_GivesBackEveryRowAndEvent()
    {
        var core = new EngineCore(DefaultSymbols.All, EngineSnapshot.Empty);
        const long NowMs = 1_767_225_600_000;
        core.CreateAccount(new Account { AccountId = 1001, Currency = "USD", Leverage = 100, MarginMode = MarginMode.RetailHedging, Balance = 10_000.5m, Name = "ü é" }, NowMs);
        core.ApplyTick(new Tick("EURUSD", NowMs, 1.10000m, 1.10010m, 0m, 0m, 6), NowMs, out _);
        core.Submit(new OrderRequest { AccountId = 1001, ClientOrderId = "a", Symbol = "EURUSD", Type = OrderType.Buy, Volume = 0.3m, StopLoss = 1.09m, Comment = "c" }, NowMs);
        core.Submit(new OrderRequest { AccountId = 1001, ClientOrderId = "b", Symbol = "EURUSD", Type = OrderType.BuyLimit, Volume = 0.1m, Price = 1.08m }, NowMs);
        var position = core.ListPositions(1001, null)!.Single().Position.Ticket;
        core.ClosePosition(new ClosePositionRequest { AccountId = 1001, PositionTicket = position, Volume = 0.1m, ClientOrderId = "c" }, NowMs);
        long orderTicket = 0, dealTicket = 0;
        var batch = JournalBatch.From([new OutboxEntry(core.TakeEvents(), null)], ref orderTicket, ref dealTicket);

        var decoded = JournalCodec.Decode(JournalCodec.Encode(batch));

        Assert.NotEmpty(batch.Events);
        Assert.Equal(Json(batch.Events), Json(decoded.Events));
        Assert.Equal(Json(batch.Deals), Json(decoded.Deals));
        Assert.Equal(Json(batch.Orders), Json(decoded.Orders));
        Assert.Equal(Json(batch.Positions), Json(decoded.Positions));
        Assert.Equal(Json(batch.Accounts), Json(decoded.Accounts));
        Assert.Equal(Json(batch.Counters), Json(decoded.Counters));
    }

    [Fact]
    public void OlderRecords_WrittenBeforeTheStopOutModeAndCommissions_ReadWithTheirDefaults()
    {
        // A version 5 account ends with Venue (int32) and Mt5Login (int64): 12 bytes; version 3 (and 4, which changed
        // positions only) ends with StopOutMode (int32), MarginCall (bool) and Commissions (a length-prefixed string,
        // here "[]": 3 bytes); the record then ends with the counters flag (false: 1 byte). Version 2 is the same
        // without the commissions, version 1 without all three.
        var batch = new JournalBatch();
        batch.Accounts[7] = (true, new Persistence.Entities.AccountEntity { AccountId = 7, Name = "n", Currency = "USD", Leverage = 100, MarginMode = 1, Balance = 5m, StopOutMode = 2, MarginCall = true, Venue = 2, Mt5Login = 5012345 });
        var version5 = JournalCodec.Encode(batch);
        var routed = JournalCodec.Decode(version5).Accounts[7].Row;
        Assert.Equal((2, 5012345L), (routed.Venue, routed.Mt5Login));
        var version3 = version5[..^13].Append(version5[^1]).ToArray();
        version3[0] = 3;
        var version2 = version3[..^4].Append(version3[^1]).ToArray();
        version2[0] = 2;
        var version1 = version3[..^9].Append(version3[^1]).ToArray();
        version1[0] = 1;

        var now = JournalCodec.Decode(version3).Accounts[7].Row;
        var before = JournalCodec.Decode(version2).Accounts[7].Row;
        var first = JournalCodec.Decode(version1).Accounts[7].Row;

        Assert.Equal((2, true, "[]", 1, 0L), (now.StopOutMode, now.MarginCall, now.Commissions, now.Venue, now.Mt5Login));
        Assert.Equal((2, true, "[]"), (before.StopOutMode, before.MarginCall, before.Commissions));
        Assert.Equal((1, false, "[]", 5m, 100), (first.StopOutMode, first.MarginCall, first.Commissions, first.Balance, first.Leverage));
    }

    [Fact]
    public void ARecordOfAnotherFormat_IsRefused()
    {
        Assert.Throws<InvalidDataException>(() => JournalCodec.Decode([99, 0, 0, 0, 0]));
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, new JsonSerializerOptions { IncludeFields = true });
}
