using TradingCore.Client;
using TradingCore.Samples;

namespace TradingCore.Samples.TickRecorder;

/// <summary>
/// dotnet run --project src/Clients/Samples/TickRecorder [-- --symbols EURUSD,XAUUSD --out ticks --count 0
/// --server-utc-offset 0 --address http://127.0.0.1:50051]
/// </summary>
internal static class TickRecorderProgram
{
    public static async Task<int> Main(string[] args)
    {
        try
        {
            var arguments = new SampleArguments(args);
            var settings = new RecorderSettings
            {
                Symbols = arguments.Text("symbols", "EURUSD").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                Directory = arguments.Text("out", "ticks"),
                MaxTicks = arguments.Int("count", 0),
                ServerUtcOffsetSeconds = arguments.Int("server-utc-offset", 0),
            };
            using var client = new TradingCoreClient(SampleConnection.Options(arguments));
            Console.WriteLine($"tick-recorder: recording {string.Join(", ", settings.Symbols)} into {Path.GetFullPath(settings.Directory)} (Ctrl+C to stop)");
            await new Recorder(client, settings, Console.Out).RunAsync(SampleConnection.CancelOnCtrlC());
            return 0;
        }
        catch (Exception error) when (error is ArgumentException or InvalidOperationException or TradingCoreException)
        {
            await Console.Error.WriteLineAsync("tick-recorder: " + error.Message);
            return 1;
        }
    }
}
