using TradingCore.Engine.Accounting;
using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Core;

/// <summary>One account's mutable trading state. Owned by the engine thread; never shared.</summary>
/// <param name="account">The account record.</param>
/// <param name="changed">Called after each change of the record (its stop-out screening no longer holds).</param>
internal sealed class AccountBook(Account account, Action<AccountBook> changed)
{
    private Account _account = account;

    /// <summary>
    /// The account record; a new currency or currency precision drops the cached profits, and any change drops
    /// the stop-out screening (balance, credit, leverage and levels all move the stop-out point).
    /// </summary>
    public Account Account
    {
        get => _account;
        set
        {
            if (value.Currency != _account.Currency || value.CurrencyDigits != _account.CurrencyDigits)
            {
                foreach (var holding in Holdings.Values)
                {
                    holding.InvalidateProfit();
                }
            }

            _account = value;
            changed(this);
        }
    }

    /// <summary>The stop-out screening bands, by symbol (see EngineCore.StopOut.cs).</summary>
    public Dictionary<string, ScreenBand> Bands { get; } = new(StringComparer.Ordinal);

    /// <summary>Open positions per symbol, with their volumes and cached floating profit.</summary>
    public Dictionary<string, Holding> Holdings { get; } = new(StringComparer.Ordinal);

    /// <summary>Open positions by ticket, in opening order.</summary>
    public Dictionary<ulong, Position> Positions { get; } = [];

    /// <summary>Netting: the open position ticket per symbol.</summary>
    public Dictionary<string, ulong> NettingTickets { get; } = new(StringComparer.Ordinal);

    /// <summary>Working (pending) orders by ticket.</summary>
    public Dictionary<ulong, Order> OpenOrders { get; } = [];

    /// <summary>
    /// The idempotency index: every working order and the decided ones still in the window, by client order id (all
    /// of them while the window is unbounded); older ones are in storage (see <see cref="ForgottenThrough"/>).
    /// </summary>
    public Dictionary<string, Order> OrdersByClientId { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The last event sequence at which an order of this account left the idempotency window (0: none ever did, so
    /// every id the window lacks is new); storage read at or beyond it holds every forgotten order.
    /// </summary>
    public ulong ForgottenThrough { get; set; }

    public bool IsHedging => Account.IsHedging;

    /// <summary>True when the account's orders go to an MT5 terminal (its fills, SL/TP, swaps and stop-out are MT5's).</summary>
    public bool IsRouted => Account.IsRouted;

    /// <summary>Routed accounts: the link to the terminal as the engine last heard it.</summary>
    public VenueLinkState VenueState { get; set; } = VenueLinkState.Disconnected;

    /// <summary>Routed accounts: every MT5 deal ticket applied (the key that applies each MT5 deal once).</summary>
    public HashSet<ulong> Mt5Deals { get; } = [];

    /// <summary>Routed accounts: when the last MT5 deal was applied (engine time, UTC ms): where a sweep of MT5's history starts from.</summary>
    public long LastMt5DealMs { get; set; }

    /// <summary>Routed accounts: market orders MT5 confirmed in part (result.volume), by core ticket (not stored).</summary>
    public Dictionary<ulong, decimal> ConfirmedVolumes { get; } = [];

    /// <summary>Routed accounts: SL/TP changes waiting for MT5's result, by request id (not stored).</summary>
    public Dictionary<ulong, (ulong Position, decimal? StopLoss, decimal? TakeProfit)> PendingStops { get; } = [];

    /// <summary>Routed accounts: the new prices of orders waiting in REQUEST_MODIFY for MT5's result (not stored).</summary>
    public Dictionary<ulong, Order> PendingChanges { get; } = [];

    /// <summary>Routed accounts: working orders by their MT5 order ticket (how deals and results find them).</summary>
    public Dictionary<ulong, ulong> Mt5Orders { get; } = [];

    /// <summary>The engine-time second (epoch ms / 1000) the submission counter belongs to.</summary>
    public long RateWindowSecond { get; set; } = long.MinValue;

    /// <summary>Order submissions in <see cref="RateWindowSecond"/>.</summary>
    public int RateWindowCount { get; set; }

    public Position? NettingPosition(string symbol) =>
        NettingTickets.TryGetValue(symbol, out var ticket) ? Positions[ticket] : null;

    /// <summary>
    /// A symbol's legs after a fill of <paramref name="volume"/> lots at <paramref name="price"/>: hedging adds to a
    /// side, or takes the closed position's volume and open value off the other side when the fill closes position
    /// <paramref name="closeTicket"/>; netting nets (its margin is priced at the market, the values stay 0).
    /// </summary>
    public Legs LegsAfter(string symbol, bool isBuy, decimal volume, decimal price, ulong closeTicket)
    {
        var legs = Holdings.TryGetValue(symbol, out var holding) ? holding.Legs : default;
        if (!IsHedging)
        {
            var (buys, sells) = ExposureAfter(symbol, isBuy, volume, closeTicket);
            return new Legs(buys, 0m, sells, 0m);
        }

        if (closeTicket != 0 && Positions.TryGetValue(closeTicket, out var closed))
        {
            var value = volume * closed.PriceOpen;
            return closed.IsBuy
                ? legs with { Buys = legs.Buys - volume, BuyValue = legs.BuyValue - value }
                : legs with { Sells = legs.Sells - volume, SellValue = legs.SellValue - value };
        }

        return isBuy
            ? legs with { Buys = legs.Buys + volume, BuyValue = legs.BuyValue + (volume * price) }
            : legs with { Sells = legs.Sells + volume, SellValue = legs.SellValue + (volume * price) };
    }

    /// <summary>Total open volume per side of one symbol.</summary>
    public (decimal Buys, decimal Sells) Exposure(string symbol) =>
        Holdings.TryGetValue(symbol, out var holding) ? (holding.Buys, holding.Sells) : (0m, 0m);

    /// <summary>
    /// Per-side open volume of a symbol after a fill of <paramref name="volume"/> lots: hedging adds a leg (or
    /// reduces the opposite one when the fill closes position <paramref name="closeTicket"/>), netting nets.
    /// </summary>
    public (decimal Buys, decimal Sells) ExposureAfter(string symbol, bool isBuy, decimal volume, ulong closeTicket)
    {
        var (buys, sells) = Exposure(symbol);
        if (IsHedging)
        {
            if (closeTicket != 0)
            {
                return isBuy ? (buys, sells - volume) : (buys - volume, sells);
            }

            return isBuy ? (buys + volume, sells) : (buys, sells + volume);
        }

        var net = buys - sells + (isBuy ? volume : -volume);
        return net >= 0m ? (net, 0m) : (0m, -net);
    }
}
