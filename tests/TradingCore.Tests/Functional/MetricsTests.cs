using System.Globalization;
using System.Text.RegularExpressions;
using Grpc.Core;
using TradingCore.Contracts.V1;

namespace TradingCore.Tests;

/// <summary>
/// Instruments are found by meter name, process-wide: a server in this process also exports the counters of other
/// servers running at the same time. These tests count exact values, so they run alone.
/// </summary>
[CollectionDefinition(nameof(MetricsTests), DisableParallelization = true)]
public sealed class MetricsCollection;

/// <summary>The Prometheus endpoint: on its own port only, no token, and each instrument moves when its event happens.</summary>
[Collection(nameof(MetricsTests))]
public sealed partial class MetricsTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [GeneratedRegex(@"^(?<name>[a-z_]+)(\{(?<labels>[^}]*)\})? (?<value>\S+)$", RegexOptions.Multiline)]
    private static partial Regex Sample();

    [Fact]
    public async Task Scrape_ReflectsOrdersDealsRejectionsLoginsStreamsAndTheJournal()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path, kestrel: true);
        await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        using var events = server.Orders.StreamTradeEvents(new StreamTradeEventsRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token);
        await events.ResponseHeadersAsync;
        await server.Orders.SubmitOrderAsync(Order("metrics-1", 0.10m), cancellationToken: Token);
        Assert.True(await events.ResponseStream.MoveNext(Token));
        await server.Orders.SubmitOrderAsync(Order("metrics-2", 5000m), cancellationToken: Token);
        await Assert.ThrowsAsync<RpcException>(async () => await new Auth.AuthClient(server.Channel).LoginAsync(new LoginRequest { KeyId = server.TraderKey.KeyId, Secret = "wrong-secret-wrong" }, cancellationToken: Token));
        using (var stream = server.MarketData.StreamTicks(new StreamTicksRequest { Symbols = { "EURUSD" } }, cancellationToken: Token))
        {
            Assert.True(await stream.ResponseStream.MoveNext(Token));
            Assert.True(await stream.ResponseStream.MoveNext(Token));
            await server.QuoteAsync("EURUSD", 1.10001m, 1.10011m);
            Assert.True(await stream.ResponseStream.MoveNext(Token));
        }

        var metrics = await ScrapeAsync(server);

        Assert.Equal(1, Value(metrics, "tradingcore_orders_total", "state=\"FILLED\""));
        Assert.Equal(1, Value(metrics, "tradingcore_orders_total", "retcode=\"INVALID_VOLUME\""));
        Assert.True(Value(metrics, "tradingcore_deals_total", "entry=\"IN\"") >= 1);
        Assert.Equal(1, Value(metrics, "tradingcore_auth_failures_total", "reason=\"login\""));
        Assert.True(Value(metrics, "tradingcore_journal_commit_duration_seconds_count") >= 2);
        Assert.True(Value(metrics, "tradingcore_journal_decided_to_durable_seconds_count") >= 2);
        Assert.True(Value(metrics, "tradingcore_engine_command_duration_seconds_count", "kind=\"command\"") >= 2);
        Assert.True(Value(metrics, "tradingcore_tick_ingress_to_applied_seconds_count") >= 2);
        Assert.True(Value(metrics, "tradingcore_stream_tick_applied_to_written_seconds_count") >= 1);
        Assert.True(Value(metrics, "tradingcore_stream_event_durable_to_written_seconds_count") >= 1);
        Assert.Contains("tradingcore_engine_queue_depth{", metrics, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds_bucket{", metrics, StringComparison.Ordinal);
    }

    private static async Task<string> ScrapeAsync(CoreServer server)
    {
        using var http = new HttpClient();
        return await http.GetStringAsync(new Uri($"http://127.0.0.1:{server.Ports!.Value.Metrics}/metrics"), Token);
    }

    private static double Value(string metrics, string name, string? label = null)
    {
        var matches = Sample().Matches(metrics)
            .Where(match => match.Groups["name"].Value == name && (label is null || match.Groups["labels"].Value.Contains(label, StringComparison.Ordinal)))
            .ToList();
        Assert.True(matches.Count > 0, $"no sample {name} {label}");
        return matches.Sum(match => double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture));
    }

    /// <summary>A market buy of EURUSD on the demo account.</summary>
    internal static SubmitOrderRequest Order(string id, decimal volume) => new()
    {
        AccountId = CoreServer.DemoAccount,
        ClientOrderId = id,
        Symbol = "EURUSD",
        Type = OrderType.Buy,
        Volume = Contracts.V1.Decimal.FromDecimal(volume),
    };
}
