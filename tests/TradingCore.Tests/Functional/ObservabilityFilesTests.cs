using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using TradingCore.Contracts.V1;
using TradingCore.Streaming;

namespace TradingCore.Tests;

/// <summary>
/// The operators' files in deploy/: the Prometheus alerting rules pass Prometheus' own checker (promtool, where it is
/// installed; .ci/run installs it), and every metric the rules and the Grafana dashboard name exists in a real scrape
/// of the core after the events that create it (so a renamed metric breaks this test, not a 3 a.m. alert).
/// </summary>
[Collection(nameof(MetricsTests))]
public sealed partial class ObservabilityFilesTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Deploy => Path.Combine(Repository.Root, "deploy");

    private static string RulesFile => Path.Combine(Deploy, "prometheus", "trading-core-rules.yml");

    private static string DashboardFile => Path.Combine(Deploy, "grafana", "trading-core-dashboard.json");

    [GeneratedRegex(@"\b(?:tradingcore|dotnet|http_server|kestrel)_[a-z0-9_]+\b|\btarget_info\b")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"\b(?<name>[a-z_]+)\{(?<labels>[^}]*)\}")]
    private static partial Regex Selector();

    [GeneratedRegex(@"(?<label>[a-z_]+)\s*(=~|!=|!~|=)")]
    private static partial Regex Matcher();

    [GeneratedRegex(@"^\s*expr:\s*(?<expr>.+)$", RegexOptions.Multiline)]
    private static partial Regex RuleExpression();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? ", RegexOptions.Multiline)]
    private static partial Regex Sample();

    [Fact]
    public async Task TheRules_PassPromtool()
    {
        if (!OnPath("promtool"))
        {
            Assert.Skip("needs promtool (Debian package prometheus; .ci/run installs it)");
        }

        using var process = Process.Start(new ProcessStartInfo("promtool", ["check", "rules", RulesFile]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await process.StandardOutput.ReadToEndAsync(Token) + await process.StandardError.ReadToEndAsync(Token);
        await process.WaitForExitAsync(Token);

        Assert.True(process.ExitCode == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDashboard_IsAGrafanaDashboard_WithAQueryInEveryPanel()
    {
        var dashboard = JsonDocument.Parse(File.ReadAllText(DashboardFile)).RootElement;

        var panels = dashboard.GetProperty("panels").EnumerateArray().ToList();
        Assert.Equal("trading-core", dashboard.GetProperty("uid").GetString());
        Assert.True(panels.Count >= 10, $"only {panels.Count} panels");
        Assert.All(panels, panel => Assert.Contains(panel.GetProperty("targets").EnumerateArray(), target => !string.IsNullOrWhiteSpace(target.GetProperty("expr").GetString())));
        Assert.Equal(panels.Count, panels.Select(panel => panel.GetProperty("id").GetInt32()).Distinct().Count());
    }

    [Fact]
    public async Task EveryMetricTheRulesAndTheDashboardName_ExistsInARealScrape()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path, feed: "Synthetic", kestrel: true);
        await ProvokeEveryMetricAsync(server);

        using var http = new HttpClient();
        var scrape = await http.GetStringAsync(new Uri($"http://127.0.0.1:{server.Ports!.Value.Metrics}/metrics"), Token);
        var exported = Sample().Matches(scrape).Select(match => match.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);
        var named = Named().ToList();

        Assert.True(named.Count > 15, $"only {named.Count} metric names found in the files");
        var missing = named.Where(name => !exported.Contains(name)).Distinct().ToList();
        Assert.True(missing.Count == 0, $"named in deploy/ but not in a scrape: {string.Join(", ", missing)}");
        var badLabels = Expressions()
            .SelectMany(expression => Selector().Matches(expression))
            .Where(selector => selector.Groups["name"].Value != "up")
            .SelectMany(selector => Matcher().Matches(selector.Groups["labels"].Value).Select(matcher => (Metric: selector.Groups["name"].Value, Label: matcher.Groups["label"].Value)))
            .Where(pair => !Regex.IsMatch(scrape, $@"^{pair.Metric}\{{[^}}]*\b{pair.Label}=", RegexOptions.Multiline))
            .Select(pair => $"{pair.Metric}{{{pair.Label}}}")
            .Distinct()
            .ToList();
        Assert.True(badLabels.Count == 0, $"labels selected in deploy/ that the scrape does not have: {string.Join(", ", badLabels)}");
    }

    /// <summary>Metric names in the rules' and the dashboard's queries (Prometheus' own series such as up excluded).</summary>
    private static IEnumerable<string> Named() =>
        Expressions().SelectMany(expression => MetricName().Matches(expression).Select(match => match.Value));

    /// <summary>Every query of the rules and the dashboard.</summary>
    private static IEnumerable<string> Expressions() =>
        RuleExpression().Matches(File.ReadAllText(RulesFile)).Select(match => match.Groups["expr"].Value)
            .Concat(JsonDocument.Parse(File.ReadAllText(DashboardFile)).RootElement.GetProperty("panels").EnumerateArray()
                .SelectMany(panel => panel.GetProperty("targets").EnumerateArray().Select(target => target.GetProperty("expr").GetString()!)));

    /// <summary>The events behind every counter: a fill, a rejection, a failed login, a tick stream, slow subscribers.</summary>
    private static async Task ProvokeEveryMetricAsync(CoreServer server)
    {
        await Eventually(async () => (await server.MarketData.GetLastTicksAsync(new GetLastTicksRequest { Symbols = { "EURUSD" } }, cancellationToken: Token)).Ticks.Count > 0);
        var fill = await server.Orders.SubmitOrderAsync(MetricsTests.Order("obs-1", 0.10m), cancellationToken: Token);
        var rejected = await server.Orders.SubmitOrderAsync(MetricsTests.Order("obs-2", 5000m), cancellationToken: Token);
        Assert.Equal((TradeRetcode.Done, TradeRetcode.InvalidVolume), (fill.Result.Retcode, rejected.Result.Retcode));
        await Assert.ThrowsAsync<RpcException>(async () => await new Auth.AuthClient(server.Channel).LoginAsync(new LoginRequest { KeyId = server.TraderKey.KeyId, Secret = "wrong-secret-wrong" }, cancellationToken: Token));
        using (var stream = server.MarketData.StreamTicks(new StreamTicksRequest { Symbols = { "EURUSD" } }, cancellationToken: Token))
        {
            Assert.True(await stream.ResponseStream.MoveNext(Token));
            Assert.True(await stream.ResponseStream.MoveNext(Token));
            Assert.True(await stream.ResponseStream.MoveNext(Token));
        }

        // Subscribers that never read: one loses ticks, one is ended for falling behind.
        var hub = server.Services.GetRequiredService<TickHub>();
        using var slow = hub.Subscribe(new HashSet<string> { "EURUSD" }, TickDeliveryPolicy.DropOldest, capacity: 1, subscriber: "obs-slow");
        using var overflowing = hub.Subscribe(new HashSet<string> { "EURUSD" }, TickDeliveryPolicy.Disconnect, capacity: 1, subscriber: "obs-overflow");
        for (var index = 0; index < 5; index++)
        {
            await server.QuoteAsync("EURUSD", 1.10000m + (index / 100_000m), 1.10010m + (index / 100_000m));
        }
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(directory => File.Exists(Path.Combine(directory, program)));
}
