namespace TradingCore.Engine.Tests.Reference;

/// <summary>
/// A deliberately simple model of the book, written from docs/accounting.md without reusing engine code: lists of
/// positions, one balance per account, profit recomputed from scratch. Slow and obvious; the property tests
/// compare the engine to it after every step.
/// </summary>
internal sealed class ReferenceBook
{
    public sealed record Spec(string Symbol, decimal Contract, string ProfitCurrency);

    public sealed class Lot
    {
        public required ulong Ticket { get; set; }

        public required string Symbol { get; init; }

        public required bool Buy { get; set; }

        public required decimal Volume { get; set; }

        public required decimal Price { get; set; }
    }

    private readonly Dictionary<string, Spec> _specs;
    private readonly Dictionary<string, (decimal Bid, decimal Ask)> _quotes = [];

    public ReferenceBook(IEnumerable<Spec> specs, bool hedging, decimal balance)
    {
        _specs = specs.ToDictionary(spec => spec.Symbol);
        Hedging = hedging;
        Balance = balance;
    }

    public bool Hedging { get; }

    public decimal Balance { get; private set; }

    public List<Lot> Lots { get; } = [];

    public void Quote(string symbol, decimal bid, decimal ask) => _quotes[symbol] = (bid, ask);

    public (decimal Bid, decimal Ask) QuoteOf(string symbol) => _quotes[symbol];

    /// <summary>A market order filled at the quote (buy at ask, sell at bid); on hedging it opens a new lot.</summary>
    public void Market(ulong orderTicket, string symbol, bool buy, decimal volume)
    {
        var price = buy ? _quotes[symbol].Ask : _quotes[symbol].Bid;
        var lot = Hedging ? null : Lots.SingleOrDefault(candidate => candidate.Symbol == symbol);
        if (lot is null)
        {
            Lots.Add(new Lot { Ticket = orderTicket, Symbol = symbol, Buy = buy, Volume = volume, Price = price });
            return;
        }

        if (lot.Buy == buy)
        {
            lot.Price = Math.Round(((lot.Price * lot.Volume) + (price * volume)) / (lot.Volume + volume), 9, MidpointRounding.AwayFromZero);
            lot.Volume += volume;
            return;
        }

        var closing = Math.Min(volume, lot.Volume);
        Balance += Profit(symbol, lot.Buy, closing, lot.Price, price);
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
        }
    }

    /// <summary>Closes part or all of one lot at the quote.</summary>
    public void Close(ulong ticket, decimal volume)
    {
        var lot = Lots.Single(candidate => candidate.Ticket == ticket);
        var price = lot.Buy ? _quotes[lot.Symbol].Bid : _quotes[lot.Symbol].Ask;
        Balance += Profit(lot.Symbol, lot.Buy, volume, lot.Price, price);
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

    public decimal Equity => Balance + Lots.Sum(Floating);

    private decimal Profit(string symbol, bool buy, decimal volume, decimal open, decimal close)
    {
        var spec = _specs[symbol];
        var perUnit = buy ? close - open : open - close;
        var inProfitCurrency = perUnit * spec.Contract * volume;
        var toUsd = spec.ProfitCurrency switch
        {
            "USD" => 1m,
            "JPY" => 1m / _quotes["USDJPY"].Ask,
            _ => throw new InvalidOperationException(spec.ProfitCurrency),
        };
        return Math.Round(inProfitCurrency * toUsd, 2, MidpointRounding.AwayFromZero);
    }
}
