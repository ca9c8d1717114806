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
        Assert.Equal(2_200.00m, valuation.AccountMargin(book, "EURUSD", 2.00m, 0.40m));
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

    private void Quote(string symbol, decimal bid, decimal ask) =>
        _symbols[symbol].Accept(new Tick(symbol, 0, bid, ask, 0m, 0m, Tick.FlagBid | Tick.FlagAsk));

    private static AccountBook Hedging(decimal balance) => new(
        new Account { AccountId = 1, Currency = "USD", Leverage = 100, MarginMode = MarginMode.RetailHedging, Balance = balance },
        _ => { });

    private static Position Position(ulong ticket, PositionType type, decimal volume, decimal price) => new()
    {
        Ticket = ticket,
        Identifier = ticket,
        AccountId = 1,
        Symbol = "EURUSD",
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
