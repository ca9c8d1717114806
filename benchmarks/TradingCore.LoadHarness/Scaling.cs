using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using TradingCore.Contracts.V1;

namespace TradingCore.LoadHarness;

/// <summary>
/// Issue 19's first scaling scenario through the real server: 10,000 hedging accounts each holding one EURUSD
/// position (created through Admin and traded by 100 trader keys of 100 accounts each), then ticks from the MT5
/// bridge as fast as the harness sends them (applied and conflated ticks per second, from the core's own counters)
/// and at 1,000 ticks/s (ingress→applied p99 from the core's histogram).
/// </summary>
internal static partial class Scaling
{
    /// <summary>10,000, or SCALING_ACCOUNTS (a multiple of 100) to compare against fewer holders.</summary>
    private static readonly int Accounts = int.TryParse(Environment.GetEnvironmentVariable("SCALING_ACCOUNTS"), CultureInfo.InvariantCulture, out var accounts) ? accounts : 10_000;
    private const int AccountsPerKey = 100;

    /// <summary>SCALING_PARTS (comma-separated: ticks, lag, acks, resting, big, history) runs only those parts; all by default.</summary>
    private static readonly string[] Parts = (Environment.GetEnvironmentVariable("SCALING_PARTS") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static bool Part(string name) => Parts.Length == 0 || Parts.Contains(name, StringComparer.Ordinal);
    private const long FirstAccount = 200_001;

    public static async Task<List<ScenarioResult>> RunAsync(ServerHandle core, TimeSpan measure)
    {
        using var channel = core.CreateChannel();
        var admin = await LoginAsync(channel, Bootstrap(core, "admin_key_id"), Bootstrap(core, "admin_secret"));
        await using var feed = await TickLoad.ConnectAsync(core.BridgePort, bridgeHandshake: true);
        feed.SendTick(flush: true);

        // The quote must stay fresh while the accounts are set up (a silent feed makes orders PRICE_OFF).
        using var setupDone = new CancellationTokenSource();
        var keepAlive = Task.Run(async () =>
        {
            while (!setupDone.IsCancellationRequested)
            {
                feed.SendTick(flush: true);
                await Task.Delay(100);
            }
        });
        var setup = Stopwatch.StartNew();
        var adminClient = new Admin.AdminClient(admin);
        await ForAllAsync(Accounts, 32, async index => await adminClient.CreateAccountAsync(new CreateAccountRequest
        {
            AccountId = FirstAccount + index,
            Currency = "USD",
            Leverage = 100,
            MarginMode = MarginMode.RetailHedging,
            Balance = new Contracts.V1.Decimal { Units = 10_000 },
        }));
        var traders = new CallInvoker[Accounts / AccountsPerKey];
        for (var key = 0; key < traders.Length; key++)
        {
            var issued = await adminClient.IssueApiKeyAsync(new IssueApiKeyRequest
            {
                Name = $"scaling-{key}",
                Roles = { Role.Trader },
                AccountIds = { Enumerable.Range(key * AccountsPerKey, AccountsPerKey).Select(index => FirstAccount + index) },
            });
            traders[key] = await LoginAsync(channel, issued.Key.KeyId, issued.Secret);
        }

        await ForAllAsync(Accounts, 32, async index =>
        {
            var reply = await new Orders.OrdersClient(traders[index / AccountsPerKey]).SubmitOrderAsync(new SubmitOrderRequest
            {
                AccountId = FirstAccount + index,
                ClientOrderId = "hold",
                Symbol = "EURUSD",
                Type = index % 2 == 0 ? OrderType.Buy : OrderType.Sell,
                Volume = new Contracts.V1.Decimal { Nanos = 10_000_000 },
            });
            if (reply.Result.Retcode != TradeRetcode.Done)
            {
                throw new InvalidOperationException($"account {FirstAccount + index}: {reply.Result.Retcode} {reply.Result.Message}");
            }
        });
        await setupDone.CancelAsync();
        await keepAlive;
        Console.WriteLine($"scaling: {Accounts} accounts holding EURUSD after {setup.Elapsed.TotalSeconds:F1} s");

        var results = new List<ScenarioResult>();
        foreach (var rate in Part("ticks") ? new[] { 20_000, 0 } : [])
        {
            var (applied, conflated, seconds) = await FloodAsync(core, feed, measure, rate);
            results.Add(new ScenarioResult
            {
                Group = "scaling",
                Name = rate > 0
                    ? $"ticks sent at {rate:N0}/s, {Accounts:N0} accounts holding the symbol: applied"
                    : $"ticks as fast as the harness sends, {Accounts:N0} accounts holding the symbol: applied",
                Completed = (long)applied,
                Seconds = seconds,
                TargetRate = rate,
                Extra = { ["conflated_per_second"] = conflated / seconds, ["received_per_second"] = (applied + conflated) / seconds },
            });
        }

        if (Part("lag"))
        {
            var before = await BucketsAsync(core);
            var sent = 0L;
            var started = Stopwatch.GetTimestamp();
            await Schedule.RunAsync(1_000, measure, _ =>
            {
                sent++;
                feed.SendTick(flush: true);
            });
            var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
            await Task.Delay(500);
            var after = await BucketsAsync(core);
            results.Add(new ScenarioResult
            {
                Group = "scaling",
                Name = $"ticks at 1,000/s, {Accounts:N0} accounts holding the symbol: ingress to applied",
                Completed = sent,
                Seconds = elapsed,
                TargetRate = 1_000,
                Extra =
                {
                    ["ingress_to_applied_p50_ms"] = Percentile(before, after, 0.50) * 1000,
                    ["ingress_to_applied_p99_ms"] = Percentile(before, after, 0.99) * 1000,
                    ["ingress_to_applied_p999_ms"] = Percentile(before, after, 0.999) * 1000,
                },
            });
        }

        // Order acks (open loop, 200/s on the bootstrap account) with a quiet feed, then under the fastest tick flood
        // the harness can send (more than 10x what the engine applies one by one).
        var trader = await core.TraderAsync(channel);
        foreach (var flood in Part("acks") ? new[] { false, true } : [])
        {
            var triggers = flood ? await PlaceTriggersAsync(new Orders.OrdersClient(trader), feed) : [];
            using var stop = new CancellationTokenSource();
            var ticks = Task.Factory.StartNew(
                () =>
                {
                    SenderPriority.LowerCurrentThread();
                    for (var sent = 1L; !stop.IsCancellationRequested; sent++)
                    {
                        feed.SendTick(flush: !flood || (sent & 31) == 0);
                        if (!flood)
                        {
                            Thread.Sleep(100);
                        }
                    }
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
            var conflated = await core.ScrapeAsync("tradingcore_engine_ticks_conflated_total");
            var applied = await core.ScrapeAsync("tradingcore_engine_ticks_total");
            var stages = await AckStagesAsync(core);
            var (completed, latency, rejected, failed) = await new OrderLoad(trader, $"scaling-{flood}").UnaryOpenLoopAsync(200, measure);
            var stagesAfter = await AckStagesAsync(core);
            await stop.CancelAsync();
            await ticks;
            var (missed, wrong) = await CheckTriggersAsync(new Orders.OrdersClient(trader), triggers);
            results.Add(new ScenarioResult
            {
                Group = "scaling",
                Name = flood ? "order acks at 200/s under a tick flood" : "order acks at 200/s, quiet feed",
                Completed = completed,
                Seconds = measure.TotalSeconds,
                TargetRate = 200,
                Latency = latency.Summary(),
                Extra =
                {
                    ["rejected"] = rejected,
                    ["failed"] = failed,
                    ["ticks_conflated_per_second"] = (await core.ScrapeAsync("tradingcore_engine_ticks_conflated_total") - conflated) / measure.TotalSeconds,
                    ["ticks_applied_per_second"] = (await core.ScrapeAsync("tradingcore_engine_ticks_total") - applied) / measure.TotalSeconds,
                    ["triggers_reached"] = triggers.Count(trigger => trigger.Reached),
                    ["triggers_missed"] = missed,
                    ["triggers_fired_unreached"] = wrong,
                },
            });
            results[^1].Extra["gc_collections"] = stagesAfter[^1].Count - stages[^1].Count;
            results[^1].Extra["gc_pause_ms"] = (stagesAfter[^1].Sum - stages[^1].Sum) * 1000;
            foreach (var (stage, index) in AckStageNames.Select((name, index) => (name, index)))
            {
                results[^1].Extra[$"{stage}_mean_us"] = (stagesAfter[index].Sum - stages[index].Sum) / Math.Max(1, stagesAfter[index].Count - stages[index].Count) * 1e6;
            }
        }

        if (Part("resting"))
        {
            results.Add(await RestingBookAsync(core, feed, traders, measure));
        }

        if (Part("big"))
        {
            results.AddRange(await BigAccountAsync(core, channel, adminClient, feed, measure));
        }

        return results;
    }

    /// <summary>The server's stages of an order's ack (its histograms): waiting for the engine, the engine's step, decided to durable; then the GC's pauses and collections.</summary>
    private static readonly string[] AckStageNames = ["engine_queue_wait", "engine_run", "decided_to_durable"];

    private static async Task<(double Sum, double Count)[]> AckStagesAsync(ServerHandle core) =>
    [
        (await core.ScrapeAsync("tradingcore_engine_command_queue_wait_seconds_sum", "kind=\"command\""), await core.ScrapeAsync("tradingcore_engine_command_queue_wait_seconds_count", "kind=\"command\"")),
        (await core.ScrapeAsync("tradingcore_engine_command_duration_seconds_sum", "kind=\"command\""), await core.ScrapeAsync("tradingcore_engine_command_duration_seconds_count", "kind=\"command\"")),
        (await core.ScrapeAsync("tradingcore_journal_decided_to_durable_seconds_sum"), await core.ScrapeAsync("tradingcore_journal_decided_to_durable_seconds_count")),
        (await core.ScrapeAsync("dotnet_gc_pause_time_seconds_total"), await core.ScrapeAsync("dotnet_gc_collections_total")),
    ];

    private static Contracts.V1.Decimal Price(decimal value) => new()
    {
        Units = (long)decimal.Truncate(value),
        Nanos = (int)((value - decimal.Truncate(value)) * 1_000_000_000m),
    };

    /// <summary>A tick every 100 ms until cancelled (a silent feed makes market orders PRICE_OFF).</summary>
    private static Task KeepQuotingAsync(TickLoad feed, CancellationToken stop) => Task.Run(async () =>
    {
        while (!stop.IsCancellationRequested)
        {
            feed.SendTick(flush: true);
            await Task.Delay(100, CancellationToken.None);
        }
    }, CancellationToken.None);

    /// <summary>Ticks at <paramref name="rate"/> per second (0 = as fast as possible); applied and conflated per the core's counters.</summary>
    private static async Task<(double Applied, double Conflated, double Seconds)> FloodAsync(ServerHandle core, TickLoad feed, TimeSpan duration, int rate)
    {
        var applied = await core.ScrapeAsync("tradingcore_engine_ticks_total");
        var conflated = await core.ScrapeAsync("tradingcore_engine_ticks_conflated_total");
        var started = Stopwatch.GetTimestamp();
        if (rate > 0)
        {
            var sent = 0L;
            await Schedule.RunAsync(rate, duration, _ => feed.SendTick(flush: (++sent & 7) == 0));
            feed.SendTick(flush: true);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
            await Task.Delay(1_000);
            return (await core.ScrapeAsync("tradingcore_engine_ticks_total") - applied, await core.ScrapeAsync("tradingcore_engine_ticks_conflated_total") - conflated, elapsed);
        }

        var end = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.Factory.StartNew(
            () =>
            {
                SenderPriority.LowerCurrentThread();
                for (var sent = 1L; Stopwatch.GetTimestamp() < end; sent++)
                {
                    feed.SendTick(flush: (sent & 31) == 0);
                }

                feed.SendTick(flush: true);
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await Task.Delay(1_000); // what was received is applied (or conflated) by now
        return (await core.ScrapeAsync("tradingcore_engine_ticks_total") - applied, await core.ScrapeAsync("tradingcore_engine_ticks_conflated_total") - conflated, seconds);
    }

    /// <summary>Cumulative bucket counts of the core's ingress→applied histogram, by upper bound (seconds).</summary>
    private static async Task<SortedDictionary<double, double>> BucketsAsync(ServerHandle core)
    {
        using var http = new HttpClient();
        var text = await http.GetStringAsync(new Uri($"http://127.0.0.1:{core.MetricsPort}/metrics"));
        var buckets = new SortedDictionary<double, double>();
        foreach (Match match in Bucket().Matches(text))
        {
            var bound = match.Groups["le"].Value == "+Inf" ? double.PositiveInfinity : double.Parse(match.Groups["le"].Value, CultureInfo.InvariantCulture);
            buckets[bound] = double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
        }

        return buckets;
    }

    /// <summary>The upper bound of the bucket holding the quantile of the observations between two scrapes.</summary>
    private static double Percentile(SortedDictionary<double, double> before, SortedDictionary<double, double> after, double quantile)
    {
        var total = after.Last().Value - before.GetValueOrDefault(double.PositiveInfinity);
        foreach (var (bound, count) in after)
        {
            if (count - before.GetValueOrDefault(bound) >= quantile * total)
            {
                return bound;
            }
        }

        return double.PositiveInfinity;
    }

    private static async Task ForAllAsync(int count, int concurrency, Func<int, Task> body)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            for (var index = Interlocked.Increment(ref next); index < count; index = Interlocked.Increment(ref next))
            {
                await body(index);
            }
        })));
    }

    private static string Bootstrap(ServerHandle core, string field)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(core.DataDirectory!, "bootstrap-credentials.json")));
        return document.RootElement.GetProperty(field).GetString()!;
    }

    private static async Task<CallInvoker> LoginAsync(GrpcChannel channel, string keyId, string secret)
    {
        var login = await new Auth.AuthClient(channel).LoginAsync(new LoginRequest { KeyId = keyId, Secret = secret });
        var token = "Bearer " + login.AccessToken.Token;
        return channel.Intercept(metadata =>
        {
            metadata.Add("authorization", token);
            return metadata;
        });
    }

    [GeneratedRegex("""^tradingcore_tick_ingress_to_applied_seconds_bucket\{[^}]*le="(?<le>[^"]+)"[^}]*\} (?<value>\S+)""", RegexOptions.Multiline)]
    private static partial Regex Bucket();
}
