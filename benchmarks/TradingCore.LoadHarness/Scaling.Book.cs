using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using TradingCore.Contracts.V1;

namespace TradingCore.LoadHarness;

/// <summary>
/// The scaling scenario's book-shaped parts: the triggers only a flood's extremes reach, the resting book (50,000
/// hedged positions + 50,000 pending orders) and the account holding 50,000 positions against one holding none.
/// </summary>
internal static partial class Scaling
{
    /// <summary>
    /// Pending orders whose price only the flood's extremes reach (the harness's ticks cycle bids through
    /// 1.10000-1.10999, asks 0.00010 above), and as many just beyond its range: the reference of what must fire.
    /// </summary>
    private static async Task<List<(string ClientOrderId, bool Reached)>> PlaceTriggersAsync(Orders.OrdersClient orders, TickLoad feed)
    {
        feed.SendQuote(1.10500m, 1.10510m);
        await Task.Delay(300);
        var triggers = new List<(string, bool)>();
        var kinds = new (OrderType Type, decimal Price, bool Reached)[]
        {
            (OrderType.SellLimit, 1.10995m, true), (OrderType.SellLimit, 1.11050m, false),
            (OrderType.BuyLimit, 1.10010m, true), (OrderType.BuyLimit, 1.09990m, false),
        };
        foreach (var (type, price, reached) in kinds)
        {
            for (var index = 0; index < 10; index++)
            {
                var id = $"trigger-{type}-{price}-{index}";
                var reply = await orders.SubmitOrderAsync(new SubmitOrderRequest
                {
                    AccountId = 1001,
                    ClientOrderId = id,
                    Symbol = "EURUSD",
                    Type = type,
                    Volume = new Contracts.V1.Decimal { Nanos = 10_000_000 },
                    Price = Price(price),
                });
                if (reply.Result.Retcode != TradeRetcode.Placed)
                {
                    throw new InvalidOperationException($"trigger order {id}: {reply.Result.Retcode} {reply.Result.Message}");
                }

                triggers.Add((id, reached));
            }
        }

        return triggers;
    }

    /// <summary>Reached triggers that did not fire, and unreached ones that did.</summary>
    private static async Task<(int Missed, int Wrong)> CheckTriggersAsync(Orders.OrdersClient orders, List<(string ClientOrderId, bool Reached)> triggers)
    {
        await Task.Delay(1_000);
        var (missed, wrong) = (0, 0);
        foreach (var (id, reached) in triggers)
        {
            var order = (await orders.GetOrderAsync(new GetOrderRequest { AccountId = 1001, ClientOrderId = id })).Order;
            var fired = order.State == OrderState.Filled;
            missed += reached && !fired ? 1 : 0;
            wrong += !reached && fired ? 1 : 0;
        }

        Console.WriteLine($"scaling: {triggers.Count(trigger => trigger.Reached)} triggers reached only by the flood's extremes: {missed} missed, {wrong} fired without being reached");
        return (missed, wrong);
    }

    /// <summary>
    /// Every holder gets 4 more hedged positions (SL/TP far from the market) and 5 pending limit orders far from it:
    /// 50,000 positions and 50,000 pending orders rest on the symbol; then ticks as fast as the harness sends.
    /// </summary>
    private static async Task<ScenarioResult> RestingBookAsync(ServerHandle core, TickLoad feed, CallInvoker[] traders, TimeSpan measure)
    {
        var setup = Stopwatch.StartNew();
        using var setupDone = new CancellationTokenSource();
        var keepAlive = KeepQuotingAsync(feed, setupDone.Token);
        await ForAllAsync(Accounts * 9, 32, async index =>
        {
            var account = index % Accounts;
            var step = index / Accounts;
            var buy = (account + step) % 2 == 0;
            var request = new SubmitOrderRequest
            {
                AccountId = FirstAccount + account,
                ClientOrderId = $"rest-{step}",
                Symbol = "EURUSD",
                Type = step < 4 ? (buy ? OrderType.Buy : OrderType.Sell) : (buy ? OrderType.BuyLimit : OrderType.SellLimit),
                Volume = new Contracts.V1.Decimal { Nanos = 10_000_000 },
            };
            if (step < 4)
            {
                request.StopLoss = Price(buy ? 1.00m : 1.20m);
                request.TakeProfit = Price(buy ? 1.20m : 1.00m);
            }
            else
            {
                request.Price = Price((buy ? 1.05000m : 1.15000m) + (step * 0.00010m));
            }

            var reply = await new Orders.OrdersClient(traders[account / AccountsPerKey]).SubmitOrderAsync(request);
            if (reply.Result.Retcode is not (TradeRetcode.Done or TradeRetcode.Placed))
            {
                throw new InvalidOperationException($"account {FirstAccount + account}: {reply.Result.Retcode} {reply.Result.Message}");
            }
        });
        await setupDone.CancelAsync();
        await keepAlive;
        Console.WriteLine($"scaling: {Accounts * 5:N0} positions and {Accounts * 5:N0} pending orders rest on EURUSD after {setup.Elapsed.TotalSeconds:F1} s");

        var (applied, conflated, seconds) = await FloodAsync(core, feed, measure, 0);
        return new ScenarioResult
        {
            Group = "scaling",
            Name = $"ticks as fast as the harness sends, {Accounts * 5:N0} hedged positions with SL/TP + {Accounts * 5:N0} pending orders on the symbol: applied",
            Completed = (long)applied,
            Seconds = seconds,
            Extra = { ["conflated_per_second"] = conflated / seconds, ["received_per_second"] = (applied + conflated) / seconds },
        };
    }

    /// <summary>
    /// Order cost against the account's book: one hedging account holding 50,000 positions and one holding none,
    /// each traded the same way (open a position, close it: the book keeps its size), closed loop, quiet feed.
    /// </summary>
    private static async Task<List<ScenarioResult>> BigAccountAsync(ServerHandle core, GrpcChannel channel, Admin.AdminClient admin, TickLoad feed, TimeSpan measure)
    {
        const int Positions = 50_000;
        const long Big = 900_001;
        const long Empty = 900_002;
        foreach (var account in new[] { Big, Empty })
        {
            await admin.CreateAccountAsync(new CreateAccountRequest
            {
                AccountId = account,
                Currency = "USD",
                Leverage = 1_000,
                MarginMode = MarginMode.RetailHedging,
                Balance = new Contracts.V1.Decimal { Units = 100_000_000 },
            });
        }

        var issued = await admin.IssueApiKeyAsync(new IssueApiKeyRequest { Name = "scaling-big", Roles = { Role.Trader }, AccountIds = { Big, Empty } });
        var orders = new Orders.OrdersClient(await LoginAsync(channel, issued.Key.KeyId, issued.Secret));
        var positions = new Positions.PositionsClient(await LoginAsync(channel, issued.Key.KeyId, issued.Secret));
        using (var setupDone = new CancellationTokenSource())
        {
            var keepAlive = KeepQuotingAsync(feed, setupDone.Token);
            var setup = Stopwatch.StartNew();
            await ForAllAsync(Positions, 32, async index =>
            {
                var reply = await orders.SubmitOrderAsync(new SubmitOrderRequest
                {
                    AccountId = Big,
                    ClientOrderId = $"big-{index}",
                    Symbol = "EURUSD",
                    Type = index % 2 == 0 ? OrderType.Buy : OrderType.Sell,
                    Volume = new Contracts.V1.Decimal { Nanos = 10_000_000 },
                });
                if (reply.Result.Retcode != TradeRetcode.Done)
                {
                    throw new InvalidOperationException($"position {index}: {reply.Result.Retcode} {reply.Result.Message}");
                }
            });
            await setupDone.CancelAsync();
            await keepAlive;
            Console.WriteLine($"scaling: account {Big} holds {Positions:N0} positions after {setup.Elapsed.TotalSeconds:F1} s");
        }

        var results = new List<ScenarioResult>();
        using var quiet = new CancellationTokenSource();
        var quoting = KeepQuotingAsync(feed, quiet.Token);
        foreach (var round in new[] { 1, 2 })
        {
            foreach (var (account, name) in new[] { (Empty, "no open positions"), (Big, $"{Positions:N0} open positions") })
            {
                var latency = new Latency();
                long completed = 0;
                var end = Stopwatch.GetTimestamp() + (long)(measure.TotalSeconds * Stopwatch.Frequency);
                var started = Stopwatch.GetTimestamp();
                await Task.WhenAll(Enumerable.Range(0, 16).Select(worker => Task.Run(async () =>
                {
                    for (var n = 0; Stopwatch.GetTimestamp() < end; n++)
                    {
                        var sent = Stopwatch.GetTimestamp();
                        var opened = await orders.SubmitOrderAsync(new SubmitOrderRequest
                        {
                            AccountId = account,
                            ClientOrderId = $"r{round}-w{worker}-{n}-open",
                            Symbol = "EURUSD",
                            Type = OrderType.Buy,
                            Volume = new Contracts.V1.Decimal { Nanos = 10_000_000 },
                        });
                        latency.RecordSince(sent, Stopwatch.GetTimestamp());
                        sent = Stopwatch.GetTimestamp();
                        var closed = await positions.ClosePositionAsync(new ClosePositionRequest { AccountId = account, PositionTicket = opened.Result.PositionTicket, ClientOrderId = $"r{round}-w{worker}-{n}-close" });
                        latency.RecordSince(sent, Stopwatch.GetTimestamp());
                        if (opened.Result.Retcode != TradeRetcode.Done || closed.Result.Retcode != TradeRetcode.Done)
                        {
                            throw new InvalidOperationException($"account {account}: {opened.Result.Retcode}/{closed.Result.Retcode} {closed.Result.Message}");
                        }

                        Interlocked.Add(ref completed, 2);
                    }
                })));
                var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scaling: orders on an account with {name}, round {round}: {completed / seconds:N0}/s"));
                results.Add(new ScenarioResult
                {
                    Group = "scaling",
                    Name = $"orders (open + close) on a hedging account with {name}, round {round}",
                    Completed = completed,
                    Seconds = seconds,
                    Latency = latency.Summary(),
                });
            }
        }

        await quiet.CancelAsync();
        await quoting;
        return results;
    }
}
