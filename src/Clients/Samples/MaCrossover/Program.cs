using System.CommandLine;
using TradingCore.Client;

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
        var root = shared.Root("ma-crossover: a sample bot trading a moving-average crossover of sampled mid prices", symbol, volume, fast, slow, bucket, maxTrades, account);
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
}
