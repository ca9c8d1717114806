using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Microsoft.Data.Sqlite;
using TradingCore.Contracts.V1;

namespace TradingCore.LoadHarness;

/// <summary>
/// Issue 19's restart and history targets through the real server: a restart on a store holding a few orders (the
/// baseline), then on the same store after 1,000,000 decided orders (HISTORY_ORDERS) and their deals were added to
/// the demo account: time from process start to the first health answer and to SERVING, resident memory once
/// serving, filtered history pages (symbol matching 1%, narrow and wide time ranges, position, order), and orders
/// after the restart (new ids, an id from deep in the history).
/// The history rows are copies of a real order and deal the core wrote, inserted with SQL (1 s apart, 10% rejected,
/// 1% on GBPUSD): loading a million orders through the API would take minutes and measure nothing more.
/// </summary>
internal static class HistoryScale
{
    private static readonly int StoredOrders = int.TryParse(Environment.GetEnvironmentVariable("HISTORY_ORDERS"), CultureInfo.InvariantCulture, out var orders) ? orders : 1_000_000;
    private const int Samples = 200;
    private const long SecondMs = 1_000;

    public static async Task<List<ScenarioResult>> RunAsync(string coreDll)
    {
        var results = new List<ScenarioResult>();
        var data = Directory.CreateTempSubdirectory("tradingcore-history-").FullName;
        try
        {
            await using (var first = await ServerHandle.StartCoreAsync(coreDll, "Synthetic", "Sqlite", data))
            {
                using var channel = first.CreateChannel();
                var trader = new Orders.OrdersClient(await first.TraderAsync(channel));
                await WaitForQuoteAsync(trader);
                for (var index = 0; index < 20; index++)
                {
                    await trader.SubmitOrderAsync(Order($"template-{index}", index % 2 == 0 ? OrderType.Buy : OrderType.Sell));
                }
            }

            results.Add(await RestartAsync(coreDll, data, "restart, empty store (20 orders)", null));
            var seeded = Seed(Path.Combine(data, "trading.db"), StoredOrders);
            results.Add(await RestartAsync(coreDll, data, $"restart, {StoredOrders:N0} stored orders", seeded));
            return results;
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }

        async Task<ScenarioResult> RestartAsync(string dll, string directory, string name, Seeded? history)
        {
            await using var core = await ServerHandle.StartCoreAsync(dll, "Synthetic", "Sqlite", directory);
            var serving = core.ServingAfter;
            var firstAnswer = core.FirstHealthAnswer ?? serving;
            await Task.Delay(3_000); // settle: the feed runs, the filter of forgotten ids loads
            var rss = core.RssBytes;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: first health answer {firstAnswer.TotalMilliseconds:N0} ms, SERVING {serving.TotalMilliseconds:N0} ms, RSS {rss / 1048576.0:N1} MiB"));
            var result = new ScenarioResult
            {
                Group = "scaling-restart",
                Name = name,
                Extra =
                {
                    ["first_health_answer_ms"] = Math.Round(firstAnswer.TotalMilliseconds),
                    ["serving_ms"] = Math.Round(serving.TotalMilliseconds),
                    ["rss_mib"] = Math.Round(rss / 1048576.0, 1),
                },
            };
            if (history is { } seeded)
            {
                using var channel = core.CreateChannel();
                var invoker = await core.TraderAsync(channel);
                results.AddRange(await HistoryPagesAsync(new Orders.OrdersClient(invoker), seeded));
                results.Add(await OrdersAfterRestartAsync(new Orders.OrdersClient(invoker)));
            }

            return result;
        }
    }

    private static SubmitOrderRequest Order(string clientOrderId, OrderType type) => new()
    {
        AccountId = 1001,
        ClientOrderId = clientOrderId,
        Symbol = "EURUSD",
        Type = type,
        Volume = new Contracts.V1.Decimal { Units = 0, Nanos = 10_000_000 },
    };

    private static async Task WaitForQuoteAsync(Orders.OrdersClient trader)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var check = await trader.CheckOrderAsync(new CheckOrderRequest { Order = Order("probe", OrderType.Buy) });
            if (check.Retcode != TradeRetcode.PriceOff)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException("the synthetic feed sent no EURUSD quote");
    }

    private sealed record Seeded(long FirstTicket, long FirstDeal, long FirstTimeMs, int Count);

    /// <summary>Copies the newest filled order and its deal <paramref name="count"/> times behind the core's counters.</summary>
    private static Seeded Seed(string database, int count)
    {
        var watch = Stopwatch.StartNew();
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        long lastOrder, lastDeal, template, templateDeal;
        using (var read = connection.CreateCommand())
        {
            read.CommandText = """
                SELECT "LastOrderTicket", "LastDealTicket" FROM "engine_state" WHERE "Id" = 1;
                """;
            using var reader = read.ExecuteReader();
            reader.Read();
            (lastOrder, lastDeal) = (reader.GetInt64(0), reader.GetInt64(1));
        }

        using (var read = connection.CreateCommand())
        {
            read.CommandText = """SELECT "Ticket", "DealTicket" FROM "orders" WHERE "State" = 5 AND "DealTicket" > 0 ORDER BY "Ticket" DESC LIMIT 1""";
            using var reader = read.ExecuteReader();
            reader.Read();
            (template, templateDeal) = (reader.GetInt64(0), reader.GetInt64(1));
        }

        var firstTime = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - ((count + 86_400L) * SecondMs);
        using var transaction = connection.BeginTransaction();
        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = """
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $count)
                INSERT INTO "orders" ("Ticket", "AccountId", "ClientOrderId", "Symbol", "Type", "State", "VolumeInitial", "VolumeCurrent",
                    "PriceOpen", "StopLimitPrice", "StopLoss", "TakeProfit", "Filling", "TimeType", "ExpirationTimeMs", "TimeSetupMs", "TimeDoneMs",
                    "Magic", "Comment", "PositionId", "PositionById", "PositionTicketRequested", "Reason", "Retcode", "RetcodeMessage", "PriceFilled",
                    "DealTicket", "RequestFingerprint")
                SELECT $order + i, t."AccountId", 'seed-' || i, CASE WHEN i % 100 = 0 THEN 'GBPUSD' ELSE t."Symbol" END, t."Type",
                    CASE WHEN i % 10 = 0 THEN 6 ELSE 5 END, t."VolumeInitial", t."VolumeCurrent", t."PriceOpen", NULL, NULL, NULL, t."Filling",
                    t."TimeType", 0, $time + i * 1000, $time + i * 1000, t."Magic", t."Comment",
                    CASE WHEN i % 10 = 0 THEN 0 ELSE $order + i END, 0, 0, t."Reason",
                    CASE WHEN i % 10 = 0 THEN 10019 ELSE t."Retcode" END,
                    CASE WHEN i % 10 = 0 THEN 'not enough money' ELSE t."RetcodeMessage" END,
                    CASE WHEN i % 10 = 0 THEN NULL ELSE t."PriceFilled" END,
                    CASE WHEN i % 10 = 0 THEN 0 ELSE $deal + i END, t."RequestFingerprint"
                FROM n, (SELECT * FROM "orders" WHERE "Ticket" = $template) AS t;

                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $count)
                INSERT INTO "deals" ("Ticket", "OrderTicket", "AccountId", "Symbol", "Type", "Entry", "Volume", "Price", "Profit", "Commission",
                    "Swap", "Fee", "PositionId", "TimeMs", "Magic", "Comment", "Reason", "ClientOrderId", "StopLoss", "TakeProfit")
                SELECT $deal + i, $order + i, d."AccountId", CASE WHEN i % 100 = 0 THEN 'GBPUSD' ELSE d."Symbol" END, d."Type", d."Entry",
                    d."Volume", d."Price", d."Profit", d."Commission", d."Swap", d."Fee", $order + i, $time + i * 1000, d."Magic", d."Comment",
                    d."Reason", 'seed-' || i, NULL, NULL
                FROM n, (SELECT * FROM "deals" WHERE "Ticket" = $templateDeal) AS d
                WHERE i % 10 <> 0;

                UPDATE "engine_state" SET "LastOrderTicket" = $order + $count, "LastDealTicket" = $deal + $count WHERE "Id" = 1;
                """;
            insert.Parameters.AddWithValue("$count", count);
            insert.Parameters.AddWithValue("$order", lastOrder);
            insert.Parameters.AddWithValue("$deal", lastDeal);
            insert.Parameters.AddWithValue("$time", firstTime);
            insert.Parameters.AddWithValue("$template", template);
            insert.Parameters.AddWithValue("$templateDeal", templateDeal);
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
        using (var checkpoint = connection.CreateCommand())
        {
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            checkpoint.ExecuteNonQuery();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {count:N0} orders and their deals in {watch.Elapsed.TotalSeconds:N1} s"));
        return new Seeded(lastOrder + 1, lastDeal + 1, firstTime + SecondMs, count);
    }

    private static async Task<List<ScenarioResult>> HistoryPagesAsync(Orders.OrdersClient orders, Seeded seeded)
    {
        var middle = seeded.FirstTimeMs + (seeded.Count / 2 * SecondMs);
        var queries = new (string Name, Func<Task> Call)[]
        {
            ("ListOrders history, symbol matching 1%", () => orders.ListOrdersAsync(new ListOrdersRequest { AccountId = 1001, Scope = OrderScope.History, Symbol = "GBPUSD", PageSize = 100 }).ResponseAsync),
            ("ListOrders history, 1 hour in the middle", () => orders.ListOrdersAsync(new ListOrdersRequest { AccountId = 1001, Scope = OrderScope.History, FromTimeMs = middle, ToTimeMs = middle + 3_600_000, PageSize = 100 }).ResponseAsync),
            ("ListOrders history, half the history", () => orders.ListOrdersAsync(new ListOrdersRequest { AccountId = 1001, Scope = OrderScope.History, FromTimeMs = seeded.FirstTimeMs, ToTimeMs = middle, PageSize = 100 }).ResponseAsync),
            ("ListOrders history, unfiltered", () => orders.ListOrdersAsync(new ListOrdersRequest { AccountId = 1001, Scope = OrderScope.History, PageSize = 100 }).ResponseAsync),
            ("ListDeals, symbol matching 1%", () => orders.ListDealsAsync(new ListDealsRequest { AccountId = 1001, Symbol = "GBPUSD", PageSize = 100 }).ResponseAsync),
            ("ListDeals, 1 hour in the middle", () => orders.ListDealsAsync(new ListDealsRequest { AccountId = 1001, FromTimeMs = middle, ToTimeMs = middle + 3_600_000, PageSize = 100 }).ResponseAsync),
            ("ListDeals, half the history", () => orders.ListDealsAsync(new ListDealsRequest { AccountId = 1001, FromTimeMs = seeded.FirstTimeMs, ToTimeMs = middle, PageSize = 100 }).ResponseAsync),
            ("ListDeals, one position", () => orders.ListDealsAsync(new ListDealsRequest { AccountId = 1001, PositionId = (ulong)(seeded.FirstTicket + (seeded.Count / 2) + 1), PageSize = 100 }).ResponseAsync),
            ("ListDeals, one order", () => orders.ListDealsAsync(new ListDealsRequest { AccountId = 1001, OrderTicket = (ulong)(seeded.FirstTicket + (seeded.Count / 2) + 1), PageSize = 100 }).ResponseAsync),
            ("GetOrder by a client order id deep in the history", () => orders.GetOrderAsync(new GetOrderRequest { AccountId = 1001, ClientOrderId = $"seed-{(seeded.Count / 3) + 1}" }).ResponseAsync),
        };
        var results = new List<ScenarioResult>();
        foreach (var (name, call) in queries)
        {
            await call(); // warm the path once
            var latency = new Latency();
            var watch = Stopwatch.StartNew();
            for (var sample = 0; sample < Samples; sample++)
            {
                var started = Stopwatch.GetTimestamp();
                await call();
                latency.RecordSince(started, Stopwatch.GetTimestamp());
            }

            var summary = latency.Summary();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: p50 {summary.P50 / 1000:N2} ms, p99 {summary.P99 / 1000:N2} ms"));
            results.Add(new ScenarioResult { Group = "scaling-history", Name = $"{name}, {seeded.Count:N0} orders", Completed = Samples, Seconds = watch.Elapsed.TotalSeconds, Latency = summary });
        }

        return results;
    }

    /// <summary>Orders right after the restart: new client order ids, and one from deep in the history (answered from storage).</summary>
    private static async Task<ScenarioResult> OrdersAfterRestartAsync(Orders.OrdersClient orders)
    {
        await WaitForQuoteAsync(orders);
        var latency = new Latency();
        var watch = Stopwatch.StartNew();
        for (var index = 0; index < Samples; index++)
        {
            var started = Stopwatch.GetTimestamp();
            var reply = await orders.SubmitOrderAsync(Order($"after-restart-{index}", index % 2 == 0 ? OrderType.Buy : OrderType.Sell));
            latency.RecordSince(started, Stopwatch.GetTimestamp());
            if (reply.Result.Retcode != TradeRetcode.Done)
            {
                throw new InvalidOperationException($"an order after the restart was not filled: {reply.Result.Retcode} {reply.Result.Message}");
            }
        }

        var old = await Assert(() => orders.SubmitOrderAsync(Order("seed-7", OrderType.Buy)).ResponseAsync);
        Console.WriteLine($"an old client order id after the restart: {old}");
        return new ScenarioResult { Group = "scaling-history", Name = "SubmitOrder right after the restart, new ids", Completed = Samples, Seconds = watch.Elapsed.TotalSeconds, Latency = latency.Summary() };

        static async Task<string> Assert(Func<Task<SubmitOrderResponse>> call)
        {
            try
            {
                var reply = await call();
                return reply.Result.Duplicate ? $"duplicate of order {reply.Order.Ticket} ({reply.Result.Retcode})" : throw new InvalidOperationException("an old client order id was taken as a new order");
            }
            catch (RpcException error) when (error.StatusCode == StatusCode.AlreadyExists)
            {
                return "ALREADY_EXISTS (the stored order has other parameters)";
            }
        }
    }
}
