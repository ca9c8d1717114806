using TradingCore.Client;
using TradingCore.Samples;
using TradingCore.Samples.MaCrossover;

namespace TradingCore.Samples.MaCrossover;

/// <summary>
/// dotnet run --project src/Clients/Samples/MaCrossover [-- --symbol EURUSD --volume 0.1 --fast 5 --slow 20
/// --bucket-ms 1000 --max-trades 0 --account 1001 --address http://127.0.0.1:50051]
/// </summary>
internal static class MaCrossoverProgram
{
    public static async Task<int> Main(string[] args)
    {
        try
        {
            var arguments = new SampleArguments(args);
            var settings = new BotSettings
            {
                Symbol = arguments.Text("symbol", "EURUSD"),
                Volume = arguments.Decimal("volume", 0.10m),
                Fast = arguments.Int("fast", 5),
                Slow = arguments.Int("slow", 20),
                Bucket = TimeSpan.FromMilliseconds(arguments.Int("bucket-ms", 1000)),
                MaxTrades = arguments.Int("max-trades", 0),
                AccountId = arguments.Long("account"),
            };
            using var client = new TradingCoreClient(SampleConnection.Options(arguments));
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
            await Console.Error.WriteLineAsync("ma-crossover: " + error.Message);
            return 1;
        }
    }
}
