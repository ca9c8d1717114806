using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace TradingCore.Testing;

/// <summary>
/// A fake MT5 terminal in front of a fake trade server (<see cref="FakeMt5Account"/>), speaking bridge protocol v2 over
/// a real socket as docs/mt5-bridge-protocol.md says a terminal does: on connect it sweeps the account's deals from
/// the welcome's history_from_msc, lists its positions, the requests still in flight and the balance; then it answers
/// the core's <c>order</c> frames as the script of the next order says (fill, partial fills, requote, reject, silence,
/// duplicated or reordered reports), and can inject trades of its own (a manual trade, a broker stop-out).
/// </summary>
internal sealed class FakeTradeServer : IAsyncDisposable
{
    private readonly FakeTerminal _terminal;
    private readonly ConcurrentQueue<Outcome> _scripts = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private FakeTradeServer(FakeTerminal terminal, FakeMt5Account account)
    {
        _terminal = terminal;
        Account = account;
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>What the fake does with the next order it receives.</summary>
    public enum Outcome
    {
        /// <summary>DONE and one deal at the server's price.</summary>
        Fill,

        /// <summary>The deal arrives before the result, and the deal is sent twice.</summary>
        FillReordered,

        /// <summary>DONE_PARTIAL, then the volume in two deals (40% and 60%).</summary>
        Partial,

        /// <summary>IOC with little liquidity: one deal of 40% and DONE_PARTIAL confirming that volume.</summary>
        PartialIoc,

        /// <summary>10004 REQUOTE with the server's prices.</summary>
        Requote,

        /// <summary>10019 NO_MONEY.</summary>
        NoMoney,

        /// <summary>Accepted by the server, no answer yet (<see cref="FakeMt5Account.Complete"/> decides later).</summary>
        Silence,

        /// <summary>Never reached the server: no answer, nothing in flight.</summary>
        Lost,
    }

    /// <summary>Sweeps the core asked for on this connection (sync frames).</summary>
    public int Sweeps { get; private set; }

    /// <summary>The account behind the terminal (it outlives this connection).</summary>
    public FakeMt5Account Account { get; }

    /// <summary>Every order frame the core sent on this connection, in arrival order.</summary>
    public ConcurrentQueue<JsonElement> Orders { get; } = new();

    /// <summary>The welcome's history_from_msc (where this connection's sweep started).</summary>
    public long HistoryFromMsc { get; private set; }

    /// <summary>
    /// Connects as login <paramref name="login"/> (v2, AutoTrading on), sweeps (deals, positions, in-flight requests,
    /// balance), announces EURUSD and sends one quote.
    /// </summary>
    public static async Task<FakeTradeServer> ConnectAsync(int port, long login, FakeMt5Account? account = null, string currency = "USD", int marginMode = 0)
    {
        account ??= new FakeMt5Account();
        FakeTerminal terminal;
        JsonElement? welcome;
        for (var attempt = 1; ; attempt++)
        {
            terminal = await FakeTerminal.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
            await terminal.SendAsync($$"""{"type":"hello","v":2,"secret":"{{FakeTerminal.Secret}}","login":{{login}},"server":"Broker-Demo","currency":"{{currency}}","margin_mode":{{marginMode}},"server_utc_offset_s":0,"terminal":"fake","trade_allowed":1}""");
            welcome = await terminal.ReadAsync();

            // Like an EA, try again while the core still holds the previous session of the login.
            if (attempt < 50 && welcome is { } reply && reply.GetProperty("type").GetString() == "error"
                && reply.GetProperty("reason").GetString()!.Contains("already connected", StringComparison.Ordinal))
            {
                await terminal.DisposeAsync();
                await Task.Delay(100);
                continue;
            }

            break;
        }

        Assert.Equal("welcome", welcome!.Value.GetProperty("type").GetString());
        Assert.Equal(2, welcome.Value.GetProperty("v").GetInt32());
        var from = welcome.Value.TryGetProperty("history_from_msc", out var given) ? given.GetInt64() : long.MaxValue;
        await SweepAsync(terminal, account, from);
        await terminal.SymbolAsync("EURUSD", exeMode: 3); // exchange execution: RETURN fills are allowed
        await terminal.TickAsync("EURUSD", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), "1.08413", "1.08415");
        return new FakeTradeServer(terminal, account) { HistoryFromMsc = from };
    }

    /// <summary>The next order gets <paramref name="outcome"/> (orders beyond the script are filled).</summary>
    public void Next(Outcome outcome) => _scripts.Enqueue(outcome);

    /// <summary>AutoTrading switched in the terminal.</summary>
    public Task TradeAllowedAsync(bool allowed) => _terminal.SendAsync($$"""{"type":"trade_state","trade_allowed":{{(allowed ? 1 : 0)}}}""");

    /// <summary>A trade the core did not send (made by hand in the terminal, or the broker's stop-out), reported as it happens.</summary>
    public Task InjectDealAsync(bool isBuy, decimal volume, decimal price, int reason, string comment = "") =>
        _terminal.SendAsync(Account.Execute(Account.NewOrderTicket(), "EURUSD", isBuy, volume, price, reason, comment, charge: false));

    /// <summary>A position's stops changed in the terminal by hand (MT5's identifier), reported at once.</summary>
    public Task PositionStopsAsync(ulong mt5Position, decimal stopLoss) =>
        _terminal.SendAsync(string.Create(CultureInfo.InvariantCulture, $$"""{"type":"position_update","position":{{mt5Position}},"sl":"{{stopLoss}}","tp":"0"}"""));

    /// <summary>Sends a line as it is (a hostile or broken terminal).</summary>
    public Task SendRawAsync(string line) => _terminal.SendAsync(line);

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

            try
            {
                switch (order.GetProperty("type").GetString())
                {
                    case "sync":
                        Sweeps++;
                        await SweepAsync(_terminal, Account, order.GetProperty("history_from_msc").GetInt64());
                        continue;
                    case "order":
                        Orders.Enqueue(order);
                        await AnswerAsync(order, _scripts.TryDequeue(out var outcome) ? outcome : Outcome.Fill);
                        continue;
                }
            }
            catch (Exception error) when (error is IOException or ObjectDisposedException)
            {
                return;
            }
        }
    }

    /// <summary>The server triggers a pending order (its deal is reported at once).</summary>
    public Task TriggerAsync(ulong mt5Order) => _terminal.SendAsync(Account.Trigger(mt5Order));

    /// <summary>A pending order ends on the server (MT5 ORDER_STATE: 2 cancelled by hand, 6 expired), reported at once.</summary>
    public Task EndPendingAsync(ulong mt5Order, int state)
    {
        Account.Remove(mt5Order);
        return _terminal.SendAsync($$"""{"type":"order_state","order":{{mt5Order}},"state":{{state}},"comment":""}""");
    }

    private async Task AnswerAsync(JsonElement order, Outcome outcome)
    {
        var requestId = order.GetProperty("request_id").GetUInt64();
        switch (order.GetProperty("action").GetString())
        {
            case "pending":
                var placed = Account.Place(order.GetProperty("order_type").GetInt32() % 2 == 0, decimal.Parse(order.GetProperty("volume").GetString()!, CultureInfo.InvariantCulture),
                    decimal.Parse(order.GetProperty("price").GetString()!, CultureInfo.InvariantCulture), order.GetProperty("comment").GetString()!);
                await ResultAsync(requestId, 10008, placed, "Request placed");
                return;
            case "modify":
                var repriced = Account.Reprice(order.GetProperty("order").GetUInt64(), decimal.Parse(order.GetProperty("price").GetString()!, CultureInfo.InvariantCulture));
                await ResultAsync(requestId, repriced ? 10009 : 10013, order.GetProperty("order").GetUInt64(), repriced ? "Request executed" : "Invalid request");
                return;
            case "close_by":
                // Two OUT_BY deals, one per position, at the second's open price; MT5 rewrites their comments.
                var byOrder = Account.NewOrderTicket();
                var (first, second) = (order.GetProperty("position").GetUInt64(), order.GetProperty("position_by").GetUInt64());
                var byVolume = decimal.Parse(order.GetProperty("volume").GetString()!, CultureInfo.InvariantCulture);
                var (firstIsBuy, secondPrice) = Account.PositionOf(first, second);
                var closingComment = $"#{first} by #{second}";
                await _terminal.SendAsync(Account.Execute(byOrder, "EURUSD", !firstIsBuy, byVolume, secondPrice, 3, closingComment, charge: false, closes: first, entryAs: 3));
                await _terminal.SendAsync(Account.Execute(byOrder, "EURUSD", firstIsBuy, byVolume, secondPrice, 3, closingComment, charge: false, closes: second, entryAs: 3));
                await ResultAsync(requestId, 10009, byOrder, "Request executed");
                return;
            case "sltp":
                await ResultAsync(requestId, 10009, 0, "Request executed");
                return;
            case "remove":
                var removed = Account.Remove(order.GetProperty("order").GetUInt64());
                await ResultAsync(requestId, removed ? 10009 : 10013, order.GetProperty("order").GetUInt64(), removed ? "Request executed" : "Invalid request");
                return;
        }

        var isBuy = order.GetProperty("order_type").GetInt32() == 0;
        var volume = decimal.Parse(order.GetProperty("volume").GetString()!, CultureInfo.InvariantCulture);
        var comment = order.GetProperty("comment").GetString()!;
        var symbol = order.GetProperty("symbol").GetString()!;
        var price = Account.FillPrice(isBuy);
        var mt5Order = Account.NewOrderTicket();
        var closes = order.GetProperty("position").GetUInt64();
        switch (outcome)
        {
            case Outcome.Fill:
                await ResultAsync(requestId, 10009, mt5Order, "Request executed");
                await _terminal.SendAsync(Account.Execute(mt5Order, symbol, isBuy, volume, price, 3, comment, closes: closes));
                break;
            case Outcome.FillReordered:
                var deal = Account.Execute(mt5Order, symbol, isBuy, volume, price, 3, comment);
                await _terminal.SendAsync(deal);
                await _terminal.SendAsync(deal);
                await ResultAsync(requestId, 10009, mt5Order, "Request executed");
                break;
            case Outcome.Partial:
                var first = Math.Round(volume * 0.4m, 2);
                await ResultAsync(requestId, 10010, mt5Order, "Request executed partially");
                await _terminal.SendAsync(Account.Execute(mt5Order, symbol, isBuy, first, price, 3, comment));
                await _terminal.SendAsync(Account.Execute(mt5Order, symbol, isBuy, volume - first, price + (isBuy ? 0.00001m : -0.00001m), 3, comment));
                break;
            case Outcome.PartialIoc:
                var part = Math.Round(volume * 0.4m, 2);
                await _terminal.SendAsync(Account.Execute(mt5Order, symbol, isBuy, part, price, 3, comment, closes: closes));
                await _terminal.SendAsync(string.Create(CultureInfo.InvariantCulture, $$"""{"type":"order_result","request_id":{{requestId}},"retcode":10010,"order":{{mt5Order}},"comment":"Request executed partially","volume":"{{part}}"}"""));
                break;
            case Outcome.Requote:
                await _terminal.SendAsync(string.Create(CultureInfo.InvariantCulture, $$"""{"type":"order_result","request_id":{{requestId}},"retcode":10004,"order":0,"comment":"Requote","bid":"{{Account.Ask - 0.00002m + 0.0003m}}","ask":"{{Account.Ask + 0.0003m}}"}"""));
                break;
            case Outcome.NoMoney:
                await ResultAsync(requestId, 10019, 0, "No money");
                break;
            case Outcome.Silence:
                Account.Accept(requestId, isBuy, volume, comment);
                break;
            case Outcome.Lost:
                break;
        }
    }

    /// <summary>The reconciliation sweep: deals from <paramref name="from"/>, positions, requests in flight, balance.</summary>
    private static async Task SweepAsync(FakeTerminal terminal, FakeMt5Account account, long from)
    {
        foreach (var deal in account.HistoryLines(from))
        {
            await terminal.SendAsync(deal);
        }

        foreach (var position in account.PositionLines())
        {
            await terminal.SendAsync(position);
        }

        foreach (var order in account.OpenOrderLines())
        {
            await terminal.SendAsync(order);
        }

        foreach (var ticket in account.InFlight)
        {
            await terminal.SendAsync($$"""{"type":"in_flight","request_id":{{ticket}}}""");
        }

        await terminal.SendAsync(string.Create(CultureInfo.InvariantCulture, $$"""{"type":"sync_end","balance":"{{account.Balance}}"}"""));
    }

    private Task ResultAsync(ulong requestId, int retcode, ulong mt5Order, string comment) =>
        _terminal.SendAsync($$"""{"type":"order_result","request_id":{{requestId}},"retcode":{{retcode}},"order":{{mt5Order}},"comment":"{{comment}}"}""");
}
