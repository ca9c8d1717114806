using System.Globalization;

namespace TradingCore.Testing;

/// <summary>
/// The trade server side of the fake MT5 terminal (<see cref="FakeTradeServer"/>): one MT5 account with its own tickets,
/// prices, netting positions (one per symbol, one POSITION_IDENTIFIER while open), balance and deal history. It outlives
/// a connection, so a test can disconnect, let MT5 act while the terminal is away, and reconnect to a sweep.
/// </summary>
internal sealed class FakeMt5Account
{
    private readonly Lock _gate = new();
    /// <summary>Open positions by key: the symbol (netting) or the position identifier (hedging).</summary>
    private readonly Dictionary<string, (ulong Id, bool IsBuy, decimal Volume, decimal Price)> _positions = new(StringComparer.Ordinal);
    private readonly List<(long TimeMsc, string Line)> _history = [];
    private readonly Dictionary<ulong, (bool IsBuy, decimal Volume, string Comment)> _inFlight = [];
    private readonly Dictionary<ulong, (bool IsBuy, decimal Volume, decimal Price, string Comment)> _pending = [];
    private ulong _nextOrder = 880_000;
    private ulong _nextDeal = 990_000;
    private ulong _nextPosition = 770_000;

    public FakeMt5Account(decimal balance = 100_000m, bool hedging = false) => (Balance, Hedging) = (balance, hedging);

    /// <summary>A hedging account (a position per opening deal, closed by naming it) rather than netting.</summary>
    public bool Hedging { get; }

    /// <summary>ACCOUNT_BALANCE: moved by every deal's profit and commission.</summary>
    public decimal Balance { get; private set; }

    /// <summary>The ask (buys fill here, plus <see cref="Slippage"/>); the bid is 2 points below.</summary>
    public decimal Ask { get; set; } = 1.08415m;

    /// <summary>What the server adds to the price of a buy (a sell gets the bid minus it).</summary>
    public decimal Slippage { get; set; } = 0.00002m;

    /// <summary>Commission per lot on each deal (negative).</summary>
    public decimal CommissionPerLot { get; set; } = -7.00m;

    /// <summary>Orders accepted and not yet executed (the terminal went away before the server answered).</summary>
    public IReadOnlyCollection<ulong> InFlight
    {
        get
        {
            lock (_gate)
            {
                return [.. _inFlight.Keys];
            }
        }
    }

    /// <summary>The open positions as the terminal lists them in a sweep.</summary>
    public IReadOnlyList<string> PositionLines()
    {
        lock (_gate)
        {
            return [.. _positions.Select(pair => string.Create(CultureInfo.InvariantCulture,
                $$"""{"type":"position","position":{{pair.Value.Id}},"symbol":"EURUSD","position_type":{{(pair.Value.IsBuy ? 0 : 1)}},"volume":"{{pair.Value.Volume}}","price_open":"{{pair.Value.Price}}"}"""))];
        }
    }

    /// <summary>The open pending orders as the terminal lists them in a sweep.</summary>
    public IReadOnlyList<string> OpenOrderLines()
    {
        lock (_gate)
        {
            return [.. _pending.Select(pair => $$"""{"type":"open_order","order":{{pair.Key}},"comment":"{{pair.Value.Comment}}"}""")];
        }
    }

    /// <summary>Places a pending order on the server; returns its MT5 ticket.</summary>
    public ulong Place(bool isBuy, decimal volume, decimal price, string comment)
    {
        lock (_gate)
        {
            var ticket = ++_nextOrder;
            _pending[ticket] = (isBuy, volume, price, comment);
            return ticket;
        }
    }

    /// <summary>Changes a pending order's price; false when it is not open.</summary>
    public bool Reprice(ulong ticket, decimal price)
    {
        lock (_gate)
        {
            if (!_pending.TryGetValue(ticket, out var order))
            {
                return false;
            }

            _pending[ticket] = order with { Price = price };
            return true;
        }
    }

    /// <summary>Removes a pending order (cancelled, expired); false when it is not open.</summary>
    public bool Remove(ulong ticket)
    {
        lock (_gate)
        {
            return _pending.Remove(ticket);
        }
    }

    /// <summary>The price of an open pending order, or null.</summary>
    public decimal? PendingPrice(ulong ticket)
    {
        lock (_gate)
        {
            return _pending.TryGetValue(ticket, out var order) ? order.Price : null;
        }
    }

    /// <summary>The server triggers a pending order: it fills at its price; returns the deal line.</summary>
    public string Trigger(ulong ticket)
    {
        (bool IsBuy, decimal Volume, decimal Price, string Comment) order;
        lock (_gate)
        {
            _pending.Remove(ticket, out order);
        }

        return Execute(ticket, "EURUSD", order.IsBuy, order.Volume, order.Price, reason: 3, order.Comment);
    }

    /// <summary>The deals at or after <paramref name="fromMsc"/> (0: all), oldest first.</summary>
    public IReadOnlyList<string> HistoryLines(long fromMsc)
    {
        lock (_gate)
        {
            return [.. _history.Where(deal => deal.TimeMsc >= fromMsc).Select(deal => deal.Line)];
        }
    }

    public ulong NewOrderTicket()
    {
        lock (_gate)
        {
            return ++_nextOrder;
        }
    }

    /// <summary>The server's fill price for a side now.</summary>
    public decimal FillPrice(bool isBuy) => isBuy ? Ask + Slippage : Ask - 0.00002m - Slippage;

    /// <summary>Records a request accepted and not yet executed.</summary>
    public void Accept(ulong coreTicket, bool isBuy, decimal volume, string comment)
    {
        lock (_gate)
        {
            _inFlight[coreTicket] = (isBuy, volume, comment);
        }
    }

    /// <summary>The server executes (or drops) a request accepted earlier: its deal joins the history; returns the deal line, or null.</summary>
    public string? Complete(ulong coreTicket, bool execute)
    {
        (bool IsBuy, decimal Volume, string Comment) request;
        lock (_gate)
        {
            if (!_inFlight.Remove(coreTicket, out request) || !execute)
            {
                return null;
            }
        }

        return Execute(NewOrderTicket(), "EURUSD", request.IsBuy, request.Volume, FillPrice(request.IsBuy), reason: 3, request.Comment);
    }

    /// <summary>
    /// Executes one deal: on the netting position of <paramref name="symbol"/>, or on a hedging account a new position
    /// (or the one <paramref name="closes"/> names): opens, adds (average price), reduces or closes it (profit = price
    /// difference × lots × 100,000 in USD), books profit and commission, and keeps the deal line for sweeps. Returns the
    /// line to send. <paramref name="entry"/> overrides MT5's DEAL_ENTRY (3 OUT_BY for a close-by).
    /// </summary>
    public string Execute(ulong mt5Order, string symbol, bool isBuy, decimal volume, decimal price, int reason, string comment, bool charge = true, ulong closes = 0, int? entryAs = null)
    {
        lock (_gate)
        {
            var deal = ++_nextDeal;
            var entry = 0;
            var profit = 0m;
            ulong id;
            var key = !Hedging ? symbol : closes != 0 ? closes.ToString(CultureInfo.InvariantCulture) : "";
            if (!_positions.TryGetValue(key, out var open))
            {
                id = ++_nextPosition;
                _positions[Hedging ? id.ToString(CultureInfo.InvariantCulture) : symbol] = (id, isBuy, volume, price);
            }
            else if (open.IsBuy == isBuy)
            {
                id = open.Id;
                var total = open.Volume + volume;
                _positions[key] = (id, isBuy, total, Math.Round(((open.Price * open.Volume) + (price * volume)) / total, 9));
            }
            else
            {
                id = open.Id;
                if (volume != open.Volume)
                {
                    throw new InvalidOperationException("the fake closes whole positions only");
                }

                entry = entryAs ?? 1;
                profit = Math.Round((open.IsBuy ? price - open.Price : open.Price - price) * volume * 100_000m, 2);
                _positions.Remove(key);
            }

            var commission = charge ? volume * CommissionPerLot : 0m;
            Balance += profit + commission;
            var time = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var line = string.Create(CultureInfo.InvariantCulture,
                $$"""{"type":"deal","deal":{{deal}},"order":{{mt5Order}},"symbol":"{{symbol}}","deal_type":{{(isBuy ? 0 : 1)}},"entry":{{entry}},"volume":"{{volume}}","price":"{{price}}","position":{{id}},"profit":"{{profit}}","commission":"{{commission}}","swap":"0","fee":"0","reason":{{reason}},"magic":0,"comment":"{{comment}}","time_msc":{{time}}}""");
            _history.Add((time, line));
            return line;
        }
    }

    /// <summary>Hedging: the side of position <paramref name="first"/> and the open price of <paramref name="second"/> (a close-by's price).</summary>
    public (bool FirstIsBuy, decimal SecondPrice) PositionOf(ulong first, ulong second)
    {
        lock (_gate)
        {
            return (_positions[first.ToString(CultureInfo.InvariantCulture)].IsBuy, _positions[second.ToString(CultureInfo.InvariantCulture)].Price);
        }
    }

    /// <summary>A deposit or withdrawal by the broker (a balance operation, not mirrored as a deal).</summary>
    public void ChangeBalance(decimal amount)
    {
        lock (_gate)
        {
            Balance += amount;
        }
    }
}
