namespace TradingCore.Engine.Tests.Reference;

/// <summary>
/// A deliberately simple model of the book, written from docs/accounting.md without reusing engine code: lists of
/// positions and pending orders, one balance per account, profit recomputed from scratch. A quote first fills the
/// pending orders it reaches (in ticket order, at the quote), then closes the positions whose stop loss or take
/// profit it reaches (in ticket order, at the quote). Slow and obvious; the property tests compare the engine to it
/// after every step.
/// </summary>
internal sealed class ReferenceBook
{
    /// <summary>A symbol: contract size, profit currency, and (for swaps) its point and swap long/short in points.</summary>
    public sealed record Spec(string Symbol, decimal Contract, string ProfitCurrency, decimal Point = 0m, decimal SwapLong = 0m, decimal SwapShort = 0m);

    public sealed class Lot
    {
        public required ulong Ticket { get; set; }

        public required string Symbol { get; init; }

        public required bool Buy { get; set; }

        public required decimal Volume { get; set; }

        public required decimal Price { get; set; }

        public decimal? StopLoss { get; set; }

        public decimal? TakeProfit { get; set; }

        public decimal Swap { get; set; }
    }

    /// <summary>A working limit or stop order: <paramref name="Limit"/> false is a stop.</summary>
    public sealed record PendingOrder(ulong Ticket, string Symbol, bool Buy, bool Limit, decimal Volume, decimal Price, decimal? StopLoss, decimal? TakeProfit);

    private readonly Dictionary<string, Spec> _specs;
    private readonly Dictionary<string, (decimal Bid, decimal Ask)> _quotes = [];

    /// <param name="specs">The symbols.</param>
    /// <param name="hedging">Hedging (a lot per fill) or netting (one lot per symbol).</param>
    /// <param name="balance">The opening balance.</param>
    /// <param name="commissionPerLot">A commission in USD per lot on every deal, entering or exiting.</param>
    public ReferenceBook(IEnumerable<Spec> specs, bool hedging, decimal balance, decimal commissionPerLot = 0m)
    {
        _specs = specs.ToDictionary(spec => spec.Symbol);
        Hedging = hedging;
        Balance = balance;
        CommissionPerLot = commissionPerLot;
    }

    public decimal CommissionPerLot { get; }

    public bool Hedging { get; }

    public decimal Balance { get; private set; }

    public List<Lot> Lots { get; } = [];

    public List<PendingOrder> Pending { get; } = [];

    /// <summary>Pending orders filled by quotes so far.</summary>
    public int PendingFills { get; private set; }

    /// <summary>Positions closed by their SL or TP so far.</summary>
    public int StopCloses { get; private set; }

    /// <summary>Requests the engine refused because the symbol was outside its sessions (the reference did nothing).</summary>
    public int ClosedRefusals { get; set; }

    /// <summary>Swap charges made to lots so far (a lot per rollover of at least one night).</summary>
    public int SwapCharges { get; private set; }

    /// <summary>
    /// A new quote: inside the symbol's sessions (<paramref name="trading"/>) it fills the pending orders it reaches,
    /// then closes the positions whose SL or TP it reaches.
    /// </summary>
    public void Quote(string symbol, decimal bid, decimal ask, bool trading = true)
    {
        _quotes[symbol] = (bid, ask);
        if (!trading)
        {
            return; // outside the symbol's sessions nothing executes
        }

        foreach (var order in Pending.Where(order => order.Symbol == symbol && Reaches(order, bid, ask)).OrderBy(order => order.Ticket).ToList())
        {
            Pending.Remove(order);
            PendingFills++;
            Market(order.Ticket, symbol, order.Buy, order.Volume, order.StopLoss, order.TakeProfit);
        }

        foreach (var lot in Lots.Where(lot => lot.Symbol == symbol && StopReached(lot, bid, ask)).OrderBy(lot => lot.Ticket).ToList())
        {
            StopCloses++;
            Close(lot.Ticket, lot.Volume);
        }
    }

    /// <summary>Places a pending order (it rests until a quote reaches it).</summary>
    public void Place(PendingOrder order) => Pending.Add(order);

    public void Cancel(ulong ticket) => Pending.RemoveAll(order => order.Ticket == ticket);

    public (decimal Bid, decimal Ask) QuoteOf(string symbol) => _quotes[symbol];

    /// <summary>
    /// A market order filled at the quote (buy at ask, sell at bid); on hedging it opens a new lot. On netting a lot
    /// that grows or reverses takes the order's SL/TP (none if it has none), a lot reduced keeps its own.
    /// </summary>
    public void Market(ulong orderTicket, string symbol, bool buy, decimal volume, decimal? stopLoss = null, decimal? takeProfit = null)
    {
        var price = buy ? _quotes[symbol].Ask : _quotes[symbol].Bid;
        Balance -= CommissionPerLot * volume;
        var lot = Hedging ? null : Lots.SingleOrDefault(candidate => candidate.Symbol == symbol);
        if (lot is null)
        {
            Lots.Add(new Lot { Ticket = orderTicket, Symbol = symbol, Buy = buy, Volume = volume, Price = price, StopLoss = stopLoss, TakeProfit = takeProfit });
            return;
        }

        if (lot.Buy == buy)
        {
            lot.Price = Math.Round(((lot.Price * lot.Volume) + (price * volume)) / (lot.Volume + volume), 9, MidpointRounding.AwayFromZero);
            lot.Volume += volume;
            (lot.StopLoss, lot.TakeProfit) = (stopLoss, takeProfit);
            return;
        }

        var closing = Math.Min(volume, lot.Volume);
        Balance += Profit(symbol, lot.Buy, closing, lot.Price, price) + TakeSwap(lot, closing);
        if (volume < lot.Volume)
        {
            lot.Volume -= volume;
        }
        else if (volume == lot.Volume)
        {
            Lots.Remove(lot);
        }
        else
        {
            lot.Buy = buy;
            lot.Volume = volume - closing;
            lot.Price = price;
            lot.Ticket = orderTicket;
            (lot.StopLoss, lot.TakeProfit) = (stopLoss, takeProfit);
        }
    }

    /// <summary>Closes part or all of one lot at the quote.</summary>
    public void Close(ulong ticket, decimal volume)
    {
        var lot = Lots.Single(candidate => candidate.Ticket == ticket);
        var price = lot.Buy ? _quotes[lot.Symbol].Bid : _quotes[lot.Symbol].Ask;
        Balance += Profit(lot.Symbol, lot.Buy, volume, lot.Price, price) - (CommissionPerLot * volume) + TakeSwap(lot, volume);
        lot.Volume -= volume;
        if (lot.Volume == 0m)
        {
            Lots.Remove(lot);
        }
    }

    /// <summary>Floating profit of a lot, valued at the price it would close at.</summary>
    public decimal Floating(Lot lot)
    {
        var price = lot.Buy ? _quotes[lot.Symbol].Bid : _quotes[lot.Symbol].Ask;
        return Profit(lot.Symbol, lot.Buy, lot.Volume, lot.Price, price);
    }

    public decimal Equity => Balance + Lots.Sum(Floating) + Lots.Sum(lot => lot.Swap);

    /// <summary>A rollover of <paramref name="nights"/> nights: each lot pays v points × point × contract × lots, converted, rounded.</summary>
    public void Rollover(int nights)
    {
        foreach (var lot in Lots)
        {
            SwapCharges += nights > 0 ? 1 : 0;
            var spec = _specs[lot.Symbol];
            var points = lot.Buy ? spec.SwapLong : spec.SwapShort;
            lot.Swap += Math.Round(points * spec.Point * spec.Contract * lot.Volume * nights * ToUsd(spec.ProfitCurrency), 2, MidpointRounding.AwayFromZero);
        }
    }

    /// <summary>The swap a close of <paramref name="volume"/> realizes: all of it on a full close, else the volume's share, rounded.</summary>
    private static decimal TakeSwap(Lot lot, decimal volume)
    {
        var share = volume >= lot.Volume ? lot.Swap : Math.Round(lot.Swap * volume / lot.Volume, 2, MidpointRounding.AwayFromZero);
        lot.Swap -= share;
        return share;
    }

    /// <summary>Buy limits fill when the ask is at or below their price, buy stops at or above; sells on the bid, mirrored.</summary>
    private static bool Reaches(PendingOrder order, decimal bid, decimal ask) => (order.Buy, order.Limit) switch
    {
        (true, true) => ask <= order.Price,
        (true, false) => ask >= order.Price,
        (false, true) => bid >= order.Price,
        (false, false) => bid <= order.Price,
    };

    /// <summary>A long closes at the bid, so its SL is reached when the bid is at or below it, its TP at or above; a short on the ask, mirrored.</summary>
    private static bool StopReached(Lot lot, decimal bid, decimal ask)
    {
        var close = lot.Buy ? bid : ask;
        var stopLoss = lot.StopLoss is { } sl && (lot.Buy ? close <= sl : close >= sl);
        var takeProfit = lot.TakeProfit is { } tp && (lot.Buy ? close >= tp : close <= tp);
        return stopLoss || takeProfit;
    }

    private decimal Profit(string symbol, bool buy, decimal volume, decimal open, decimal close)
    {
        var spec = _specs[symbol];
        var perUnit = buy ? close - open : open - close;
        var inProfitCurrency = perUnit * spec.Contract * volume;
        return Math.Round(inProfitCurrency * ToUsd(spec.ProfitCurrency), 2, MidpointRounding.AwayFromZero);
    }

    private decimal ToUsd(string currency) => currency switch
    {
        "USD" => 1m,
        "JPY" => 1m / _quotes["USDJPY"].Ask,
        _ => throw new InvalidOperationException(currency),
    };
}
