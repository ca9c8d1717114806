using TradingCore.Engine.Commands;
using TradingCore.Engine.Core;
using TradingCore.Engine.Domain;
using TradingCore.Engine.Rules;

namespace TradingCore.Engine.Tests.Rules;

/// <summary>
/// The MT5 checks alone, without an engine. A request that breaks several rules is answered with the first in MT5's
/// order (account, symbol permissions, values, market, limits), so each case breaks its rule and every later one.
/// </summary>
public sealed class OrderRulesTests
{
    private const long Now = 1_780_000_000_000;

    public static TheoryData<int, TradeRetcode> Breaks => new()
    {
        { 0, TradeRetcode.TradeDisabled },   // the account is halted
        { 1, TradeRetcode.TradeDisabled },   // the symbol's trade mode is DISABLED
        { 2, TradeRetcode.InvalidFill },     // a fill policy the symbol does not allow
        { 3, TradeRetcode.InvalidVolume },   // volume off the symbol's step
        { 4, TradeRetcode.PriceOff },        // no quote yet
        { 5, TradeRetcode.LimitVolume },     // above the account's max order volume
    };

    [Theory]
    [MemberData(nameof(Breaks))]
    public void Check_ARequestBreakingSeveralRules_GetsTheFirstInMt5Order(int first, TradeRetcode expected)
    {
        var spec = TestSymbols.EurUsd with
        {
            TradeMode = first <= 1 ? SymbolTradeMode.Disabled : SymbolTradeMode.Full,
            FillingModes = FillingModes.Ioc,
        };
        var symbol = new SymbolBook(spec);
        if (first > 4)
        {
            symbol.Accept(new Tick("EURUSD", Now, 1.10000m, 1.10010m, 0m, 0m, Tick.FlagBid | Tick.FlagAsk));
        }

        var book = Account(first == 0 ? AccountTradingState.Halted : AccountTradingState.Active, maxOrderVolume: 0.01m);
        var request = Buy(first <= 3 ? 0.015m : 0.02m);
        var filling = first <= 2 ? OrderFilling.Fok : OrderFilling.Ioc;

        var rejection = OrderRules.Check(book, symbol, request, filling, OrderTimeType.Gtc, Now, maxPendingOrders: 100);

        Assert.Equal(expected, rejection?.Code);
    }

    [Fact]
    public void Check_AValidMarketOrder_Passes()
    {
        var symbol = new SymbolBook(TestSymbols.EurUsd);
        symbol.Accept(new Tick("EURUSD", Now, 1.10000m, 1.10010m, 0m, 0m, Tick.FlagBid | Tick.FlagAsk));

        Assert.Null(OrderRules.Check(Account(), symbol, Buy(0.10m), OrderFilling.Ioc, OrderTimeType.Gtc, Now, maxPendingOrders: 100));
    }

    [Theory]
    [InlineData("1.09991", TradeRetcode.InvalidStops)] // 9 points below the bid: inside the 10-point stops level
    [InlineData("1.09990", null)]                      // exactly 10 points
    [InlineData("1.099905", TradeRetcode.InvalidStops)] // off the tick grid
    public void Stops_ABuysStopLoss_MustBeTheStopsLevelBelowTheBid(string stopLoss, TradeRetcode? expected)
    {
        var symbol = new SymbolBook(TestSymbols.EurUsd);
        symbol.Accept(new Tick("EURUSD", Now, 1.10000m, 1.10010m, 0m, 0m, Tick.FlagBid | Tick.FlagAsk));

        var rejection = OrderRules.Stops(symbol, isBuy: true, 1.10000m, decimal.Parse(stopLoss, System.Globalization.CultureInfo.InvariantCulture), null, againstMarket: true);

        Assert.Equal(expected, rejection?.Code);
    }

    [Fact]
    public void Rate_CountsSubmissionsPerEngineSecond()
    {
        var book = Account(maxOrdersPerSecond: 2);

        Assert.Null(OrderRules.Rate(book, 5_000));
        Assert.Null(OrderRules.Rate(book, 5_999));
        Assert.Equal(TradeRetcode.TooManyRequests, OrderRules.Rate(book, 5_500)?.Code);
        Assert.Null(OrderRules.Rate(book, 6_000));
    }

    [Theory]
    [InlineData(OrderTimeType.Gtc, 0L, 0L)]
    [InlineData(OrderTimeType.Day, 0L, 1_780_012_800_000L)]           // 2026-05-28 20:26:40 UTC -> next midnight
    [InlineData(OrderTimeType.Specified, 1_780_000_123_456L, 1_780_000_123_456L)]
    [InlineData(OrderTimeType.SpecifiedDay, 1_780_100_000_000L, 1_780_185_600_000L)]
    public void Expiry_OfEachLifetime(OrderTimeType timeType, long expirationMs, long expected) =>
        Assert.Equal(expected, OrderExpiry.Of(TestSymbols.EurUsd, timeType, expirationMs, Now));

    private static AccountBook Account(AccountTradingState state = AccountTradingState.Active, decimal maxOrderVolume = 0m, int maxOrdersPerSecond = 0) => new(
        new Account
        {
            AccountId = 1,
            Currency = "USD",
            Leverage = 100,
            MarginMode = MarginMode.RetailHedging,
            Balance = 10_000m,
            TradingState = state,
            Limits = AccountLimits.None with { MaxOrderVolume = maxOrderVolume, MaxOrdersPerSecond = maxOrdersPerSecond },
        },
        _ => { });

    private static OrderRequest Buy(decimal volume) => new()
    {
        AccountId = 1,
        ClientOrderId = "c1",
        Symbol = "EURUSD",
        Type = OrderType.Buy,
        Volume = volume,
    };
}
