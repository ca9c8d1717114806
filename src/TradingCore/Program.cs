using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using TradingCore.Configuration;
using TradingCore.Diagnostics;
using TradingCore.Hosting;

try
{
    var builder = WebApplication.CreateBuilder(args);

    // The appsettings.json shipped next to the assembly gives the defaults (log levels, ports, feed) wherever the
    // process starts; one in the content root (the working directory) and every later source still override it.
    ((IConfigurationBuilder)builder.Configuration).Sources.Insert(0, new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
    {
        Path = "appsettings.json",
        Optional = true,
        FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(AppContext.BaseDirectory),
    });
    builder.UseTradingCoreEndpoints();
    builder.Services.AddTradingCore(builder.Configuration, builder.Environment.ContentRootPath);

    var app = builder.Build();
    app.MapTradingCore();
    app.Lifetime.ApplicationStarted.Register(() =>
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var options = app.Services.GetRequiredService<TradingCoreOptions>();
        var host = app.Services.GetRequiredService<TradingCoreHost>();
        // Listening already (health answers NOT_SERVING); the line is written once recovery finished and the feed runs.
        _ = host.Ready.ContinueWith(
            _ =>
            {
                var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("TradingCore");
                Log.Started(logger, addresses is { Count: > 0 } ? string.Join(", ", addresses) : "(test server)", options.DataDirectoryFullPath, host.FeedName);
                if (host.BootstrapPath is { } credentials && addresses is { Count: > 0 })
                {
                    Log.FirstRunHint(logger, FirstRun.Hint(credentials, addresses.First()));
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnRanToCompletion,
            TaskScheduler.Default);
    });

    app.Run();
    return Environment.ExitCode; // 1 when recovery failed (TradingCoreHost)
}
catch (OptionsValidationException invalid)
{
    // A bad setting: one line per problem, naming the setting and what it may be; no stack trace.
    foreach (var failure in invalid.Failures)
    {
        Console.Error.WriteLine($"trading-core: configuration error: {failure}");
    }

    return 1;
}
catch (InvalidOperationException unusable) when (unusable.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
{
    // A value of the wrong type (e.g. text where a number belongs); the message names the setting.
    Console.Error.WriteLine($"trading-core: configuration error: {unusable.Message}");
    return 1;
}
catch (OperationCanceledException) when (Environment.ExitCode != 0)
{
    // Recovery failed (logged, exit code set) so early that the stop it asked for cancelled the server's own start.
    return Environment.ExitCode;
}

/// <summary>The host entry point; public so functional tests can start it with WebApplicationFactory.</summary>
public partial class Program;
