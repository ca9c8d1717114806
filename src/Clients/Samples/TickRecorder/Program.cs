using System.CommandLine;
using TradingCore.Client;

namespace TradingCore.Samples.TickRecorder;

/// <summary>
/// dotnet run --project src/Clients/Samples/TickRecorder [-- --symbols EURUSD,XAUUSD --out ticks --count 0
/// --server-utc-offset 0 --address http://127.0.0.1:50051]; --help lists the options.
/// </summary>
internal static class TickRecorderProgram
{
    public static Task<int> Main(string[] args) => Command().Parse(args).InvokeAsync();

    /// <summary>The command line: options with defaults, --help, and errors for unknown options and bad values.</summary>
    public static RootCommand Command()
    {
        var shared = new SampleOptions();
        var symbols = new Option<string>("--symbols") { Description = "Symbols to record, comma-separated", DefaultValueFactory = _ => "EURUSD" };
        var output = new Option<string>("--out") { Description = "Directory of the MT5-format CSV files", DefaultValueFactory = _ => "ticks" };
        var count = new Option<int>("--count") { Description = "Stop after this many ticks (0: until Ctrl+C)", DefaultValueFactory = _ => 0 };
        var offset = new Option<int>("--server-utc-offset") { Description = "Seconds added to UTC for the files' times (the MT5 server's offset)", DefaultValueFactory = _ => 0 };
        var root = shared.Root("tick-recorder: a sample recording ticks as MT5 exports them", symbols, output, count, offset);
        root.SetAction(async (parsed, _) =>
        {
            try
            {
                var settings = new RecorderSettings
                {
                    Symbols = parsed.GetValue(symbols)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                    Directory = parsed.GetValue(output)!,
                    MaxTicks = parsed.GetValue(count),
                    ServerUtcOffsetSeconds = parsed.GetValue(offset),
                };
                using var client = new TradingCoreClient(shared.Connection(parsed));
                Console.WriteLine($"tick-recorder: recording {string.Join(", ", settings.Symbols)} into {Path.GetFullPath(settings.Directory)} (Ctrl+C to stop)");
                await new Recorder(client, settings, Console.Out).RunAsync(SampleConnection.CancelOnCtrlC());
                return 0;
            }
            catch (Exception error) when (error is ArgumentException or InvalidOperationException or TradingCoreException)
            {
                await parsed.InvocationConfiguration.Error.WriteLineAsync("tick-recorder: " + error.Message);
                return 1;
            }
        });
        return root;
    }
}
