using TradingCore.Engine.Accounting;
using TradingCore.Engine.Domain;
using TradingCore.Engine.Events;
using TradingCore.Engine.Execution;

namespace TradingCore.Engine.Core;

/// <summary>
/// All trading state and its transitions: the book of accounts, orders, positions and deals. Synchronous and
/// deterministic: the same sequence of calls with the same timestamps produces the same state and the same events.
/// Not thread-safe by design; the engine loop calls it from one thread only.
/// </summary>
/// <remarks>
/// What it asks of others: the MT5 checks (<see cref="Rules.OrderRules"/>, <see cref="Rules.OrderExpiry"/>), the
/// money (<see cref="Accounting.AccountValuation"/>, <see cref="Accounting.ConversionRates"/>), new orders and deals
/// (<see cref="Factories.OrderFactory"/>, <see cref="Factories.DealFactory"/>). Its transitions, by file: new orders
/// and pending-order changes (EngineCore.Orders.cs), executions and the money check (EngineCore.Fills.cs), positions
/// and deals (EngineCore.Positions.cs), close-by (EngineCore.CloseBy.cs), ticks, triggers and expiry
/// (EngineCore.Ticks.cs), stop-out and its screening (EngineCore.StopOut.cs), client order ids and the idempotency
/// window (EngineCore.Idempotency.cs), accounts, balances and symbols (EngineCore.Admin.cs), reads
/// (EngineCore.Queries.cs).
/// </remarks>
public sealed partial class EngineCore : IEngineView
{
    private readonly Dictionary<string, SymbolBook> _symbols = new(StringComparer.Ordinal);
    private readonly Dictionary<long, AccountBook> _accounts = [];
    private readonly List<EngineEvent> _events = [];

    /// <summary>Emptied holdings kept for the next opening (<see cref="Holding.Reset"/>), at most <see cref="MaxSpareHoldings"/>.</summary>
    private readonly Stack<Holding> _spareHoldings = new();
    private const int MaxSpareHoldings = 64;
    private readonly EngineOptions _options;
    private readonly IExecutionVenue _venue;
    private ulong _lastOrderTicket;
    private ulong _lastDealTicket;
    private ulong _lastSequence;
    private long _nextExpiryMs = long.MaxValue;
    private readonly IdempotencyWindow _window;
    private readonly Action<AccountBook> _accountChanged;
    private readonly ConversionRates _rates;
    private readonly AccountValuation _valuation;

    /// <param name="symbols">The symbols traded.</param>
    /// <param name="snapshot">The committed state to start from.</param>
    /// <param name="options">Limits; defaults when null.</param>
    /// <param name="venue">Where orders execute; the simulated venue when null.</param>
    public EngineCore(IEnumerable<SymbolSpec> symbols, EngineSnapshot snapshot, EngineOptions? options = null, IExecutionVenue? venue = null)
    {
        _accountChanged = Unscreen;
        _options = options ?? new EngineOptions();
        _venue = venue ?? SimulatedVenue.Instance;
        _window = new IdempotencyWindow(_options.IdempotencyWindow);
        _rates = new ConversionRates(_symbols);
        _valuation = new AccountValuation(_symbols, _rates);
        foreach (var spec in symbols)
        {
            _symbols.Add(spec.Name, new SymbolBook(spec));
        }

        _lastOrderTicket = Math.Max(snapshot.LastOrderTicket, _options.FirstOrderTicket - 1);
        _lastDealTicket = Math.Max(snapshot.LastDealTicket, _options.FirstDealTicket - 1);
        _lastSequence = snapshot.LastSequence;
        RestoredTimeMs = snapshot.LastTimeMs;
        Restore(snapshot);
    }

    /// <summary>
    /// Server-generated closes (SL, TP, stop-out) put off because their profit could not be computed (no
    /// conversion quote, or beyond the bookable range); each is tried again on the next tick.
    /// </summary>
    public long UnpricedCloses { get; private set; }

    /// <summary>The latest time stamped on a stored order or deal when the engine was built (its loop's clock floor).</summary>
    public long RestoredTimeMs { get; }

    /// <summary>Sequence number of the last event produced.</summary>
    public ulong LastSequence => _lastSequence;

    /// <summary>Ticket of the last order created.</summary>
    public ulong LastOrderTicket => _lastOrderTicket;

    /// <summary>Ticket of the last deal created.</summary>
    public ulong LastDealTicket => _lastDealTicket;

    /// <summary>The symbols this engine trades.</summary>
    public IEnumerable<SymbolSpec> Symbols => _symbols.Values.Select(book => book.Spec);

    /// <summary>Whether any event is waiting in <see cref="TakeEvents"/>.</summary>
    public bool HasEvents => _events.Count > 0;

    /// <summary>Returns and clears the events produced since the last call, in sequence order.</summary>
    public EngineEvent[] TakeEvents()
    {
        _window.Stamp(_lastSequence);
        if (_events.Count == 0)
        {
            return [];
        }

        var taken = _events.ToArray();
        _events.Clear();
        return taken;
    }

    private void Restore(EngineSnapshot snapshot)
    {
        foreach (var tick in snapshot.LastTicks)
        {
            if (_symbols.TryGetValue(tick.Symbol, out var symbol) && TickRules.Check(tick) == TickRejection.None)
            {
                symbol.RestoreQuote(tick);
            }
        }

        foreach (var account in snapshot.Accounts)
        {
            _accounts.Add(account.AccountId, new AccountBook(account, _accountChanged));
        }

        foreach (var order in snapshot.Orders)
        {
            var book = _accounts[order.AccountId];
            book.OrdersByClientId[order.ClientOrderId] = order;
            if (order.IsWorking)
            {
                AddWorkingOrder(book, SymbolOf(order.Symbol), order);
            }
            else
            {
                _window.Restored(book, order);
            }
        }

        // Stored orders that were not loaded are forgotten from the start: their ids are answered from storage.
        foreach (var accountId in snapshot.AccountsWithUnloadedOrders)
        {
            _accounts[accountId].ForgottenThrough = Math.Max(snapshot.LastSequence, 1);
        }

        if (snapshot.UnloadedOrders > 0)
        {
            _window.Stored = new ClientIdFilter(snapshot.UnloadedOrders);
        }

        foreach (var position in snapshot.Positions)
        {
            StorePosition(_accounts[position.AccountId], position, previous: null);
        }

        foreach (var book in _accounts.Values.Where(book => book.IsRouted))
        {
            IndexVenue(book, null, snapshot.LastTimeMs);
            foreach (var order in book.OpenOrders.Values.Where(order => order.Mt5OrderTicket != 0))
            {
                book.Mt5Orders[order.Mt5OrderTicket] = order.Ticket;
            }
        }

        foreach (var (accountId, mt5Deal, timeMs) in snapshot.Mt5Deals)
        {
            if (_accounts.TryGetValue(accountId, out var book))
            {
                book.Mt5Deals.Add(mt5Deal);
                book.LastMt5DealMs = Math.Max(book.LastMt5DealMs, timeMs);
            }
        }
    }

    private SymbolBook SymbolOf(string name) =>
        _symbols.TryGetValue(name, out var book) ? book : throw new InvalidOperationException($"unknown symbol {name}");

    private ulong NextSequence() => ++_lastSequence;

    private ulong NextOrderTicket() => ++_lastOrderTicket;

    private ulong NextDealTicket() => ++_lastDealTicket;

    private void TrackExpiry(Order order)
    {
        if (order.ExpirationTimeMs > 0 && order.ExpirationTimeMs < _nextExpiryMs)
        {
            _nextExpiryMs = order.ExpirationTimeMs;
        }
    }

    private static string Format(decimal value) => DecimalMath.Format(value);

    private void EmitOrder(Order order, bool isNew, long nowMs) =>
        _events.Add(new OrderEvent(NextSequence(), order.AccountId, nowMs, order, isNew));

    private void EmitDeal(Deal deal) =>
        _events.Add(new DealEvent(NextSequence(), deal.AccountId, deal.TimeMs, deal));

    private void EmitPosition(Position position, bool isNew, bool closed, long nowMs) =>
        _events.Add(new PositionEvent(NextSequence(), position.AccountId, nowMs, position, isNew, closed));

    private void EmitAccount(AccountBook book, bool isNew, long nowMs) =>
        _events.Add(new AccountEvent(NextSequence(), book.Account.AccountId, nowMs, _valuation.Snapshot(book, nowMs), isNew));
}
