using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace TradingCore.Testing;

/// <summary>
/// A fake MT5 terminal with its own trade server behind it, speaking bridge protocol v2 over a real socket: it answers
/// the core's <c>order</c> frames with its own tickets and its own fill price, as the script of the next order says
/// (fill, partial fills, requote, reject, silence, duplicated or reordered reports), and can inject trades of its own
/// (a manual trade, a broker stop-out). What docs/mt5-bridge-protocol.md says a terminal does, nothing more.
/// </summary>
internal sealed class FakeTradeServer : IAsyncDisposable
{
    private readonly FakeTerminal _terminal;
    private readonly ConcurrentQueue<Script> _scripts = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private ulong _nextOrder = 880_000;
    private ulong _nextDeal = 990_000;
    private ulong _nextPosition = 770_000;

    private FakeTradeServer(FakeTerminal terminal)
    {
        _terminal = terminal;
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>What the fake does with the next order it receives.</summary>
    public enum Outcome
    {
        /// <summary>DONE and one deal at the fake's price.</summary>
        Fill,

        /// <summary>The deal arrives before the result, and the deal is sent twice.</summary>
        FillReordered,

        /// <summary>DONE_PARTIAL, then the volume in two deals (40% and 60%).</summary>
        Partial,

        /// <summary>10004 REQUOTE with the fake's prices.</summary>
        Requote,

        /// <summary>10019 NO_MONEY.</summary>
        NoMoney,

        /// <summary>No answer at all.</summary>
        Silence,
    }

    /// <summary>The fake's ask (buys fill here, plus <see cref="Slippage"/>); its bid is 2 points below.</summary>
    public decimal Ask { get; set; } = 1.08415m;

    /// <summary>What MT5's server adds to the price of a buy (a sell gets the bid minus it).</summary>
    public decimal Slippage { get; set; } = 0.00002m;

    /// <summary>Commission per lot MT5 charges on each deal (negative).</summary>
    public decimal CommissionPerLot { get; set; } = -7.00m;

    /// <summary>Every order frame the core sent, in arrival order.</summary>
    public ConcurrentQueue<JsonElement> Orders { get; } = new();

    /// <summary>Connects as login <paramref name="login"/> (v2, AutoTrading on), announces EURUSD and sends one quote.</summary>
    public static async Task<FakeTradeServer> ConnectAsync(int port, long login, string currency = "USD", int marginMode = 0)
    {
        var terminal = await FakeTerminal.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        await terminal.SendAsync($$"""{"type":"hello","v":2,"secret":"{{FakeTerminal.Secret}}","login":{{login}},"server":"Broker-Demo","currency":"{{currency}}","margin_mode":{{marginMode}},"server_utc_offset_s":0,"terminal":"fake","trade_allowed":1}""");
        var welcome = await terminal.ReadAsync();
        Assert.Equal("welcome", welcome!.Value.GetProperty("type").GetString());
        Assert.Equal(2, welcome.Value.GetProperty("v").GetInt32());
        await terminal.SymbolAsync("EURUSD");
        await terminal.TickAsync("EURUSD", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), "1.08413", "1.08415");
        return new FakeTradeServer(terminal);
    }

    /// <summary>The next order gets <paramref name="outcome"/> (orders beyond the script are filled).</summary>
    public void Next(Outcome outcome) => _scripts.Enqueue(new Script(outcome));

    /// <summary>AutoTrading switched in the terminal.</summary>
    public Task TradeAllowedAsync(bool allowed) => _terminal.SendAsync($$"""{"type":"trade_state","trade_allowed":{{(allowed ? 1 : 0)}}}""");

    /// <summary>A trade the core did not send: made by hand in the terminal, or the broker's (stop-out).</summary>
    public Task InjectDealAsync(bool isBuy, decimal volume, decimal price, ulong position, int entry, int reason, decimal profit = 0m, string comment = "") =>
        SendDealAsync(++_nextDeal, ++_nextOrder, isBuy, volume, price, position, entry, reason, profit, 0, comment);

    /// <summary>A new MT5 position identifier for an injected trade.</summary>
    public ulong NewPosition() => ++_nextPosition;

    /// <summary>Drops the connection without a bye.</summary>
    public void Abort() => _terminal.Abort();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _terminal.Abort();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _terminal.DisposeAsync();
        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            JsonElement? frame;
            try
            {
                frame = await _terminal.ListenAsync(_stop.Token);
            }
            catch (Exception error) when (error is IOException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }

            if (frame is not { } order)
            {
                return;
            }

            if (order.GetProperty("type").GetString() != "order")
            {
                continue;
            }

            Orders.Enqueue(order);
            await AnswerAsync(order, _scripts.TryDequeue(out var script) ? script.Outcome : Outcome.Fill);
        }
    }

    private async Task AnswerAsync(JsonElement order, Outcome outcome)
    {
        var requestId = order.GetProperty("request_id").GetUInt64();
        var isBuy = order.GetProperty("order_type").GetInt32() == 0;
        var volume = decimal.Parse(order.GetProperty("volume").GetString()!, CultureInfo.InvariantCulture);
        var comment = order.GetProperty("comment").GetString()!;
        var position = order.GetProperty("position").GetUInt64();
        var closing = position != 0;
        var price = isBuy ? Ask + Slippage : Ask - 0.00002m - Slippage;
        var mt5Order = ++_nextOrder;
        position = closing ? position : ++_nextPosition;
        var entry = closing ? 1 : 0;
        switch (outcome)
        {
            case Outcome.Fill:
                await ResultAsync(requestId, 10009, mt5Order, "Request executed");
                await SendDealAsync(++_nextDeal, mt5Order, isBuy, volume, price, position, entry, 3, 0m, volume * CommissionPerLot, comment);
                break;
            case Outcome.FillReordered:
                var deal = ++_nextDeal;
                await SendDealAsync(deal, mt5Order, isBuy, volume, price, position, entry, 3, 0m, volume * CommissionPerLot, comment);
                await SendDealAsync(deal, mt5Order, isBuy, volume, price, position, entry, 3, 0m, volume * CommissionPerLot, comment);
                await ResultAsync(requestId, 10009, mt5Order, "Request executed");
                break;
            case Outcome.Partial:
                var first = Math.Round(volume * 0.4m, 2);
                await ResultAsync(requestId, 10010, mt5Order, "Request executed partially");
                await SendDealAsync(++_nextDeal, mt5Order, isBuy, first, price, position, entry, 3, 0m, first * CommissionPerLot, comment);
                await SendDealAsync(++_nextDeal, mt5Order, isBuy, volume - first, price + (isBuy ? 0.00001m : -0.00001m), position, entry, 3, 0m, (volume - first) * CommissionPerLot, comment);
                break;
            case Outcome.Requote:
                await _terminal.SendAsync(string.Create(CultureInfo.InvariantCulture, $$"""{"type":"order_result","request_id":{{requestId}},"retcode":10004,"order":0,"comment":"Requote","bid":"{{Ask - 0.00002m + 0.0003m}}","ask":"{{Ask + 0.0003m}}"}"""));
                break;
            case Outcome.NoMoney:
                await ResultAsync(requestId, 10019, 0, "No money");
                break;
            case Outcome.Silence:
                break;
        }
    }

    private Task ResultAsync(ulong requestId, int retcode, ulong mt5Order, string comment) =>
        _terminal.SendAsync($$"""{"type":"order_result","request_id":{{requestId}},"retcode":{{retcode}},"order":{{mt5Order}},"comment":"{{comment}}"}""");

    private Task SendDealAsync(ulong deal, ulong mt5Order, bool isBuy, decimal volume, decimal price, ulong position, int entry, int reason, decimal profit, decimal commission, string comment) =>
        _terminal.SendAsync(string.Create(CultureInfo.InvariantCulture,
            $$"""{"type":"deal","deal":{{deal}},"order":{{mt5Order}},"symbol":"EURUSD","deal_type":{{(isBuy ? 0 : 1)}},"entry":{{entry}},"volume":"{{volume}}","price":"{{price}}","position":{{position}},"profit":"{{profit}}","commission":"{{commission}}","swap":"0","fee":"0","reason":{{reason}},"magic":0,"comment":"{{comment}}","time_msc":{{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}}}"""));

    private sealed record Script(Outcome Outcome);
}
