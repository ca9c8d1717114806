using System.CommandLine;
using TradingCore.Client;
using TradingCore.Contracts.V1;

namespace TradingCore.Samples.MaCrossover;

/// <summary>
/// dotnet run --project src/Clients/Samples/MaCrossover [-- --symbol EURUSD --volume 0.1 --fast 5 --slow 20
/// --bucket-ms 1000 --max-trades 0 --account 1001 --address http://127.0.0.1:50051]; --help lists the options.
/// </summary>
internal static class MaCrossoverProgram
{
    public static Task<int> Main(string[] args) => Command().Parse(args).InvokeAsync();

    /// <summary>The command line: options with defaults, --help, and errors for unknown options and bad values.</summary>
    public static RootCommand Command()
    {
        var shared = new SampleOptions();
        var symbol = new Option<string>("--symbol") { Description = "Symbol to trade", DefaultValueFactory = _ => "EURUSD" };
        var volume = SampleOptions.Decimal("--volume", "0.10", "Lots per order (default 0.10)");
        var fast = new Option<int>("--fast") { Description = "Fast moving average, in buckets", DefaultValueFactory = _ => 5 };
        var slow = new Option<int>("--slow") { Description = "Slow moving average, in buckets", DefaultValueFactory = _ => 20 };
        var bucket = new Option<int>("--bucket-ms") { Description = "Bucket length in ms (one mid price sampled per bucket)", DefaultValueFactory = _ => 1000 };
        var maxTrades = new Option<int>("--max-trades") { Description = "Stop after this many orders (0: no limit)", DefaultValueFactory = _ => 0 };
        var account = new Option<long?>("--account") { Description = "Account to trade (default: the key's only account)" };
        var backtest = new Option<FileInfo?>("--backtest") { Description = "Backtest instead of trading: an MT5 bar export of --symbol (docs/backtesting.md); one step per bar" };
        var timeframe = new Option<Timeframe>("--timeframe") { Description = "Backtest: the export's timeframe (M1 ... MN1)", DefaultValueFactory = _ => Timeframe.H1, CustomParser = ParseTimeframe };
        var offset = new Option<int>("--server-utc-offset") { Description = "Backtest: the trade server's UTC offset in seconds (exports are in server time)" };
        var deposit = SampleOptions.Decimal("--deposit", "10000", "Backtest: the account's deposit in USD (default 10000)");
        var html = new Option<FileInfo?>("--html") { Description = "Backtest: write the report as an HTML page here" };
        var csv = new Option<FileInfo?>("--csv") { Description = "Backtest: write the deals as CSV here" };
        var root = shared.Root("ma-crossover: a sample bot trading a moving-average crossover of sampled mid prices (or backtesting it on bars)", symbol, volume, fast, slow, bucket, maxTrades, account, backtest, timeframe, offset, deposit, html, csv);
        root.SetAction(async (parsed, _) =>
        {
            try
            {
                var settings = new BotSettings
                {
                    Symbol = parsed.GetValue(symbol)!,
                    Volume = parsed.GetValue(volume) ?? 0.10m,
                    Fast = parsed.GetValue(fast),
                    Slow = parsed.GetValue(slow),
                    Bucket = TimeSpan.FromMilliseconds(parsed.GetValue(bucket)),
                    MaxTrades = parsed.GetValue(maxTrades),
                    AccountId = parsed.GetValue(account),
                };
                using var client = new TradingCoreClient(shared.Connection(parsed));
                if (parsed.GetValue(backtest) is { } file)
                {
                    await BacktestAsync(client, settings, new BacktestSettings
                    {
                        Name = $"ma-crossover {settings.Fast}x{settings.Slow} {file.Name}",
                        Data = new BacktestData { Symbol = settings.Symbol, BarExport = await File.ReadAllTextAsync(file.FullName), Timeframe = parsed.GetValue(timeframe), ServerUtcOffsetS = parsed.GetValue(offset) },
                        Step = BacktestStepKind.Bar,
                        Account = new CreateAccountRequest { Name = "ma-crossover backtest", Currency = "USD", Leverage = 100, MarginMode = MarginMode.RetailNetting, Balance = Contracts.V1.Decimal.FromDecimal(parsed.GetValue(deposit) ?? 10_000m) },
                    }, parsed.GetValue(html), parsed.GetValue(csv));
                    return 0;
                }

                var bot = new CrossoverBot(client, settings, Console.Out);
                try
                {
                    await bot.RunAsync(SampleConnection.CancelOnCtrlC());
                }
                catch (OperationCanceledException)
                {
                    // Ctrl+C.
                }

                Console.WriteLine($"ma-crossover: stopped after {bot.Trades} orders");
                return 0;
            }
            catch (Exception error) when (error is ArgumentException or InvalidOperationException or TradingCoreException)
            {
                await parsed.InvocationConfiguration.Error.WriteLineAsync("ma-crossover: " + error.Message);
                return 1;
            }
        });
        return root;
    }

    private static async Task BacktestAsync(TradingCoreClient client, BotSettings settings, BacktestSettings run, FileInfo? html, FileInfo? csv)
    {
        var report = await new CrossoverBacktest(client, settings, Console.Out).RunAsync(run, SampleConnection.CancelOnCtrlC());
        Console.WriteLine("ma-crossover: " + CrossoverBacktest.Summary(report));
        if (html is not null || csv is not null)
        {
            var full = await client.Backtests.GetBacktestReportAsync(new GetBacktestReportRequest { RunId = report.RunId });
            if (html is not null)
            {
                await File.WriteAllTextAsync(html.FullName, full.Html);
                Console.WriteLine($"ma-crossover: report in {html.FullName}");
            }

            if (csv is not null)
            {
                await File.WriteAllTextAsync(csv.FullName, full.Csv);
                Console.WriteLine($"ma-crossover: deals in {csv.FullName}");
            }
        }
    }

    private static Timeframe ParseTimeframe(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "H1";
        if (ContractNames.TryParse<Timeframe>(text, out var value))
        {
            return value;
        }

        result.AddError($"--timeframe: '{text}' is not a timeframe ({string.Join(", ", ContractNames.Values<Timeframe>())})");
        return Timeframe.Unspecified;
    }
}
