using TradingCore.Engine.Accounting;
using TradingCore.Engine.Core;
using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Tests.Accounting;

/// <summary>
/// The accounting types alone, without an engine: cross rates from quotes, and an account's figures worked by hand.
/// </summary>
public sealed class AccountValuationTests
{
    private readonly Dictionary<string, SymbolBook> _symbols = new(StringComparer.Ordinal)
    {
        ["EURUSD"] = new SymbolBook(TestSymbols.EurUsd),
        ["USDJPY"] = new SymbolBook(TestSymbols.UsdJpy),
        ["XAUUSD"] = new SymbolBook(TestSymbols.XauUsd),
    };

    [Fact]
    public void Rate_FromAQuotedPair_IsItsBidOrOneOverItsAsk()
    {
        Quote("USDJPY", 150.000m, 150.020m);
        var rates = new ConversionRates(_symbols);

        Assert.Equal(150.000m, rates.Rate("USD", "JPY"));
        Assert.Equal(1m / 150.020m, rates.Rate("JPY", "USD"));
        Assert.Equal(1m, rates.Rate("GBP", "GBP"));
        Assert.Null(rates.Rate("EUR", "USD")); // EURUSD has no quote yet
        Assert.Null(rates.Rate("GBP", "USD")); // no symbol converts GBP
    }

    [Fact]
    public void Rate_IsKeptUntilTheMarketChanges()
    {
        Quote("EURUSD", 1.10000m, 1.10010m);
        var rates = new ConversionRates(_symbols);
        Assert.Equal(1.10000m, rates.Rate("EUR", "USD"));

        Quote("EURUSD", 1.20000m, 1.20010m);
        Assert.Equal(1.10000m, rates.Rate("EUR", "USD"));

        rates.MarketChanged();
        Assert.Equal(1.20000m, rates.Rate("EUR", "USD"));
    }

    [Fact]
    public void Snapshot_HedgedAccount_MatchesTheFiguresWorkedByHand()
    {
        // Buy 1.00 EURUSD at 1.09000 and sell 0.40 at 1.11000, quote 1.10000/1.10010, leverage 100, USD account:
        // profit: buy (1.10000 - 1.09000) x 100,000 = 1,000.00; sell (1.11000 - 1.10010) x 40,000 = 396.00.
        // margin: the larger leg, 1.00 x 100,000 / 100 = 1,000 EUR at the EURUSD bid = 1,100.00 USD.
        // equity 10,000 + 1,396 = 11,396.00; free 10,296.00; level 11,396 / 1,100 x 100 = 1,036.00 %.
        Quote("EURUSD", 1.10000m, 1.10010m);
        var book = Hedging(10_000m);
        Hold(book, Position(1, PositionType.Buy, 1.00m, 1.09000m));
        Hold(book, Position(2, PositionType.Sell, 0.40m, 1.11000m));
        var valuation = new AccountValuation(_symbols, new ConversionRates(_symbols));

        var snapshot = valuation.Snapshot(book, nowMs: 0);

        Assert.Equal(PriceState.Live, snapshot.Pricing);
        Assert.Equal(1_396.00m, snapshot.Profit);
        Assert.Equal(1_100.00m, snapshot.Margin);
        Assert.Equal(11_396.00m, snapshot.Equity);
        Assert.Equal(10_296.00m, snapshot.FreeMargin);
        Assert.Equal(1_036.00m, snapshot.MarginLevel);
    }

    [Fact]
    public void AccountMargin_WithAHypotheticalExposure_ReplacesThatSymbolsVolumes()
    {
        // What a pre-trade check asks: the same account if EURUSD were 2.00 bought and 0.40 sold: 2,200.00 USD.
        Quote("EURUSD", 1.10000m, 1.10010m);
        var book = Hedging(10_000m);
        Hold(book, Position(1, PositionType.Buy, 1.00m, 1.09000m));
        var valuation = new AccountValuation(_symbols, new ConversionRates(_symbols));

        Assert.Equal(1_100.00m, valuation.AccountMargin(book));
        Assert.Equal(2_200.00m, valuation.AccountMargin(book, "EURUSD", new Legs(2.00m, 2.00m * 1.09000m, 0.40m, 0.40m * 1.11000m)));
    }

    [Fact]
    public void Snapshot_WithoutAQuoteForAHeldSymbol_IsMissingAndShowsTheBalanceOnly()
    {
        var book = Hedging(10_000m);
        Hold(book, Position(1, PositionType.Buy, 1.00m, 1.09000m));
        var valuation = new AccountValuation(_symbols, new ConversionRates(_symbols));

        var snapshot = valuation.Snapshot(book, nowMs: 0);

        Assert.Equal(PriceState.Missing, snapshot.Pricing);
        Assert.Equal(10_000m, snapshot.Equity);
        Assert.Equal(0m, snapshot.Margin);
    }

    [Fact]
    public void RealizedProfit_InAnotherCurrency_IsConvertedAndRoundedToTheAccountsDigits()
    {
        // Sell 0.10 USDJPY at 150.000, close at 149.123: 0.877 x 10,000 = 8,770 JPY; at 1/150.020 = 58.4588... USD -> 58.46.
        Quote("USDJPY", 149.100m, 150.020m);
        var valuation = new AccountValuation(_symbols, new ConversionRates(_symbols));
        var account = Hedging(0m).Account;

        Assert.Equal(58.46m, valuation.RealizedProfit(account, TestSymbols.UsdJpy, isBuy: false, 0.10m, 150.000m, 149.123m));
    }

    /// <summary>
    /// MT5's example (../shared/mt5-accounting-and-routing.md §12): EURUSD, FOREX, leverage 100, contract 100,000,
    /// buy 2 lots and sell 1 lot; the margin currency EUR converts to the USD account at the bid 1.10000.
    /// Basic: uncovered 1 lot = 1,000 EUR, plus the covered lot once at MARGIN_HEDGED / 100 (100,000: 1,000 EUR;
    /// 50,000: 500 EUR; 0: nothing). Largest leg: max(2,000, 1,000) EUR.
    /// </summary>
    [Theory]
    [InlineData(null, false, "2200.00")]     // 2,000 EUR x 1.1
    [InlineData("100000", false, "2200.00")]
    [InlineData("50000", false, "1650.00")]  // 1,500 EUR x 1.1
    [InlineData("0", false, "1100.00")]      // 1,000 EUR x 1.1
    [InlineData("0", true, "2200.00")]       // largest leg ignores MARGIN_HEDGED
    public void HedgedMargin_BuyTwoSellOne_InEachMode(string? marginHedged, bool useLeg, string expected)
    {
        var spec = TestSymbols.EurUsd with { MarginHedged = marginHedged is null ? null : Parse(marginHedged), MarginHedgedUseLeg = useLeg };
        _symbols["EURUSD"] = new SymbolBook(spec);
        Quote("EURUSD", 1.10000m, 1.10010m);
        var book = Hedging(10_000m);
        Hold(book, Position(1, PositionType.Buy, 2.00m, 1.10010m));
        Hold(book, Position(2, PositionType.Sell, 1.00m, 1.10000m));
        var valuation = new AccountValuation(_symbols, new ConversionRates(_symbols));

        Assert.Equal(Parse(expected), valuation.AccountMargin(book));
    }

    /// <summary>
    /// A CFD (XAUUSD, CFD_LEVERAGE: lots x 100 x price / 100) on a hedging account prices each side at its average
    /// open price, not at the market: buys 0.30 at 2,000.50 and 0.10 at 2,010.50 average (600.15 + 201.05) / 0.40
    /// = 2,003.00; a sell of 0.10 at 2,010.00. Largest leg: 0.40 x 100 x 2,003 / 100 = 801.20 (the sell side:
    /// 201.00). Basic with MARGIN_HEDGED 50: uncovered 0.30 at 2,003.00 = 600.90, covered 0.10 x 50 x 2,003 / 100
    /// = 100.15, total 701.05. The quote (2,100.00) moves neither.
    /// </summary>
    [Theory]
    [InlineData(true, null, "801.20")]
    [InlineData(false, null, "801.20")]    // basic with the contract size: uncovered 600.90 + covered 200.30
    [InlineData(false, "50", "701.05")]
    public void HedgedMargin_OfACfd_PricesEachSideAtItsAverageOpenPrice(bool useLeg, string? marginHedged, string expected)
    {
        var spec = TestSymbols.XauUsd with { MarginHedgedUseLeg = useLeg, MarginHedged = marginHedged is null ? null : Parse(marginHedged) };
        _symbols["XAUUSD"] = new SymbolBook(spec);
        Quote("XAUUSD", 2_100.00m, 2_100.50m);
        var book = Hedging(100_000m);
        Hold(book, Position(1, PositionType.Buy, 0.30m, 2_000.50m, "XAUUSD"));
        Hold(book, Position(2, PositionType.Buy, 0.10m, 2_010.50m, "XAUUSD"));
        Hold(book, Position(3, PositionType.Sell, 0.10m, 2_010.00m, "XAUUSD"));
        var valuation = new AccountValuation(_symbols, new ConversionRates(_symbols));

        Assert.Equal(Parse(expected), valuation.AccountMargin(book));
    }

    /// <summary>
    /// With an initial margin (FUTURES: 1,000 USD per lot), MARGIN_HEDGED is money per covered lot: buy 2, sell 1,
    /// MARGIN_HEDGED 300: uncovered 1 x 1,000 + covered 1 x 300 = 1,300.00.
    /// </summary>
    [Fact]
    public void HedgedMargin_WithAnInitialMargin_ChargesMarginHedgedPerCoveredLot()
    {
        var spec = TestSymbols.XauUsd with { CalcMode = SymbolCalcMode.Futures, MarginInitial = 1_000m, MarginHedged = 300m, TickValue = 1m };
        _symbols["XAUUSD"] = new SymbolBook(spec);
        Quote("XAUUSD", 2_000.00m, 2_000.50m);
        var book = Hedging(100_000m);
        Hold(book, Position(1, PositionType.Buy, 2.00m, 2_000.50m, "XAUUSD"));
        Hold(book, Position(2, PositionType.Sell, 1.00m, 2_000.00m, "XAUUSD"));
        var valuation = new AccountValuation(_symbols, new ConversionRates(_symbols));

        Assert.Equal(1_300.00m, valuation.AccountMargin(book));
    }

    private static decimal Parse(string value) => decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);

    private void Quote(string symbol, decimal bid, decimal ask) =>
        _symbols[symbol].Accept(new Tick(symbol, 0, bid, ask, 0m, 0m, Tick.FlagBid | Tick.FlagAsk));

    private static AccountBook Hedging(decimal balance) => new(
        new Account { AccountId = 1, Currency = "USD", Leverage = 100, MarginMode = MarginMode.RetailHedging, Balance = balance },
        _ => { });

    private static Position Position(ulong ticket, PositionType type, decimal volume, decimal price, string symbol = "EURUSD") => new()
    {
        Ticket = ticket,
        Identifier = ticket,
        AccountId = 1,
        Symbol = symbol,
        Type = type,
        Volume = volume,
        PriceOpen = price,
        TimeMs = 0,
        TimeUpdateMs = 0,
    };

    private static void Hold(AccountBook book, Position position)
    {
        book.Positions.Add(position.Ticket, position);
        if (!book.Holdings.TryGetValue(position.Symbol, out var holding))
        {
            holding = new Holding(position.Symbol);
            book.Holdings.Add(position.Symbol, holding);
        }

        holding.Add(position);
    }
}
