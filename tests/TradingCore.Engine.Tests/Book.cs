using TradingCore.Engine.Commands;
using TradingCore.Engine.Core;
using TradingCore.Engine.Domain;
using TradingCore.Engine.Events;

namespace TradingCore.Engine.Tests;

/// <summary>A test driver around <see cref="EngineCore"/>: a clock, quotes and order shortcuts.</summary>
internal sealed class Book
{
    public const long Netting = 1001;
    public const long Hedging = 2002;

    private int _nextId;

    public Book(decimal balance = 10_000m, IReadOnlyList<SymbolSpec>? symbols = null, EngineSnapshot? snapshot = null, EngineOptions? options = null, IReadOnlyList<CommissionRule>? commissions = null)
    {
        Core = new EngineCore(symbols ?? TestSymbols.All, snapshot ?? EngineSnapshot.Empty, options);
        if (snapshot is null)
        {
            Core.CreateAccount(Account(Netting, MarginMode.RetailNetting, balance) with { Commissions = commissions ?? [] }, NowMs);
            Core.CreateAccount(Account(Hedging, MarginMode.RetailHedging, balance) with { Commissions = commissions ?? [] }, NowMs);
        }

        Events.AddRange(Core.TakeEvents());
    }

    public EngineCore Core { get; }

    public long NowMs { get; set; } = 1_767_225_600_000; // 2026-01-01T00:00:00Z

    public List<EngineEvent> Events { get; } = [];

    public static Account Account(long id, MarginMode mode, decimal balance) => new()
    {
        AccountId = id,
        Currency = "USD",
        Leverage = 100,
        MarginMode = mode,
        Balance = balance,
    };

    public void Quote(string symbol, decimal bid, decimal ask)
    {
        NowMs += 1000;
        Core.ApplyTick(new Tick(symbol, NowMs, bid, ask, 0m, 0m, 6), NowMs, out _);
        Collect();
    }

    public TradeOutcome Buy(decimal volume, string symbol = "EURUSD", long account = Netting, decimal? sl = null, decimal? tp = null, string? id = null) =>
        Submit(new OrderRequest { AccountId = account, ClientOrderId = id ?? NextId(), Symbol = symbol, Type = OrderType.Buy, Volume = volume, StopLoss = sl, TakeProfit = tp });

    public TradeOutcome Sell(decimal volume, string symbol = "EURUSD", long account = Netting, decimal? sl = null, decimal? tp = null, string? id = null) =>
        Submit(new OrderRequest { AccountId = account, ClientOrderId = id ?? NextId(), Symbol = symbol, Type = OrderType.Sell, Volume = volume, StopLoss = sl, TakeProfit = tp });

    public TradeOutcome Pending(OrderType type, decimal volume, decimal price, decimal? stopLimit = null, string symbol = "EURUSD", long account = Netting, OrderTimeType? timeType = null, long expirationMs = 0) =>
        Submit(new OrderRequest
        {
            AccountId = account,
            ClientOrderId = NextId(),
            Symbol = symbol,
            Type = type,
            Volume = volume,
            Price = price,
            StopLimitPrice = stopLimit,
            TimeType = timeType,
            ExpirationTimeMs = expirationMs,
        });

    public TradeOutcome Submit(OrderRequest request)
    {
        NowMs += 10;
        var outcome = Core.Submit(request, NowMs);
        Collect();
        return outcome;
    }

    public T Run<T>(Func<EngineCore, long, T> command)
    {
        NowMs += 10;
        var result = command(Core, NowMs);
        Collect();
        return result;
    }

    public AccountSnapshot Account(long id = Netting) => Core.GetAccount(id, NowMs)!;

    public IReadOnlyList<PositionView> Positions(long id = Netting) => Core.ListPositions(id, null)!;

    public IEnumerable<Deal> Deals(long id = Netting) => Events.OfType<DealEvent>().Select(e => e.Deal).Where(d => d.AccountId == id);

    public string NextId() => $"t{++_nextId}";

    private void Collect() => Events.AddRange(Core.TakeEvents());
}
