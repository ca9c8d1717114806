using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Core;

public sealed partial class EngineCore
{
    private readonly Dictionary<string, (decimal Buys, decimal Sells)> _exposureScratch = new(StringComparer.Ordinal);

    /// <summary>
    /// Rate that converts an amount in <paramref name="from"/> into <paramref name="to"/> from the feed's latest
    /// quotes: a symbol FROM/TO converts at its bid, a symbol TO/FROM at 1/ask. Null when no such quote exists.
    /// </summary>
    internal decimal? ConversionRate(string from, string to)
    {
        if (string.Equals(from, to, StringComparison.Ordinal))
        {
            return 1m;
        }

        foreach (var book in _symbols.Values)
        {
            if (!book.HasTick || book.Spec.CalcMode is not (SymbolCalcMode.Forex or SymbolCalcMode.ForexNoLeverage))
            {
                continue;
            }

            var spec = book.Spec;
            if (spec.CurrencyBase == from && spec.CurrencyProfit == to && book.LastTick.Bid > 0m)
            {
                return book.LastTick.Bid;
            }

            if (spec.CurrencyBase == to && spec.CurrencyProfit == from && book.LastTick.Ask > 0m)
            {
                return 1m / book.LastTick.Ask;
            }
        }

        return null;
    }

    /// <summary>Profit of closing part of a position at a price, converted to the account currency and rounded.</summary>
    private decimal? RealizedProfit(Account account, SymbolSpec spec, bool isBuy, decimal volume, decimal openPrice, decimal closePrice)
    {
        var rate = ConversionRate(spec.CurrencyProfit, account.Currency);
        if (rate is null)
        {
            return null;
        }

        var raw = PositionMath.Profit(spec, isBuy, volume, openPrice, closePrice);
        return DecimalMath.RoundMoney(raw * rate.Value, account.CurrencyDigits);
    }

    /// <summary>Price a position would close at now: bid for buys, ask for sells. Null before the first tick.</summary>
    internal decimal? ClosePrice(Position position)
    {
        var book = SymbolOf(position.Symbol);
        return book.HasTick ? (position.IsBuy ? book.LastTick.Bid : book.LastTick.Ask) : null;
    }

    /// <summary>Floating profit of an open position, account currency, rounded; 0 while no price or rate exists.</summary>
    internal decimal FloatingProfit(Account account, Position position)
    {
        var close = ClosePrice(position);
        if (close is null)
        {
            return 0m;
        }

        var spec = SymbolOf(position.Symbol).Spec;
        return RealizedProfit(account, spec, position.IsBuy, position.Volume, position.PriceOpen, close.Value) ?? 0m;
    }

    /// <summary>Margin of <paramref name="volume"/> lots on one side of a symbol, account currency, rounded.</summary>
    private decimal? MarginFor(Account account, SymbolBook book, bool isBuy, decimal volume)
    {
        if (volume == 0m)
        {
            return 0m;
        }

        if (!book.HasTick)
        {
            return null;
        }

        var price = isBuy ? book.LastTick.Ask : book.LastTick.Bid;
        var rate = ConversionRate(book.Spec.CurrencyMargin, account.Currency);
        if (rate is null)
        {
            return null;
        }

        var raw = PositionMath.Margin(book.Spec, account.Leverage, volume, price);
        return DecimalMath.RoundMoney(raw * rate.Value, account.CurrencyDigits);
    }

    /// <summary>
    /// Margin the account uses, with one symbol's exposure replaced by a hypothetical one (for pre-trade checks).
    /// Netting: per symbol, the net position. Hedging: per symbol, the larger of the buy and sell legs.
    /// Reuses a scratch table: no allocation in steady state (it runs on every tick for stop-out checks).
    /// </summary>
    private decimal AccountMargin(AccountBook book, string? symbolOverride = null, decimal buyVolume = 0m, decimal sellVolume = 0m)
    {
        var exposure = _exposureScratch;
        exposure.Clear();
        foreach (var position in book.Positions.Values)
        {
            exposure.TryGetValue(position.Symbol, out var sides);
            exposure[position.Symbol] = position.IsBuy ? (sides.Buys + position.Volume, sides.Sells) : (sides.Buys, sides.Sells + position.Volume);
        }

        if (symbolOverride is not null)
        {
            exposure[symbolOverride] = (buyVolume, sellVolume);
        }

        var margin = 0m;
        foreach (var (symbol, (buys, sells)) in exposure)
        {
            var symbolBook = SymbolOf(symbol);
            var buyMargin = MarginFor(book.Account, symbolBook, true, buys) ?? 0m;
            var sellMargin = MarginFor(book.Account, symbolBook, false, sells) ?? 0m;
            margin += Math.Max(buyMargin, sellMargin);
        }

        exposure.Clear();
        return margin;
    }

    /// <summary>Total open volume per side of one symbol.</summary>
    private static (decimal Buys, decimal Sells) Exposure(AccountBook book, string symbol)
    {
        decimal buys = 0m, sells = 0m;
        foreach (var position in book.Positions.Values)
        {
            if (!string.Equals(position.Symbol, symbol, StringComparison.Ordinal))
            {
                continue;
            }

            if (position.IsBuy)
            {
                buys += position.Volume;
            }
            else
            {
                sells += position.Volume;
            }
        }

        return (buys, sells);
    }

    private decimal FloatingProfit(AccountBook book)
    {
        var profit = 0m;
        foreach (var position in book.Positions.Values)
        {
            profit += FloatingProfit(book.Account, position);
        }

        return profit;
    }

    internal AccountSnapshot Snapshot(AccountBook book, long nowMs)
    {
        var account = book.Account;
        var profit = FloatingProfit(book);
        var equity = account.Balance + account.Credit + profit;
        var margin = AccountMargin(book);
        decimal? level = margin > 0m ? Math.Round(equity / margin * 100m, 2, MidpointRounding.AwayFromZero) : null;
        return new AccountSnapshot(account, equity, profit, margin, equity - margin, level, nowMs);
    }
}
