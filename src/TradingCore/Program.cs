using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using TradingCore.Diagnostics;
using TradingCore.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.UseTradingCoreEndpoints();
builder.Services.AddTradingCore(builder.Configuration, builder.Environment.ContentRootPath);

var app = builder.Build();
app.MapTradingCore();
app.Lifetime.ApplicationStarted.Register(() =>
{
    var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
    var options = app.Services.GetRequiredService<TradingCoreOptions>();
    var host = app.Services.GetRequiredService<TradingCoreHost>();
    Log.Started(
        app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("TradingCore"),
        addresses is { Count: > 0 } ? string.Join(", ", addresses) : "(test server)",
        options.DataDirectoryFullPath,
        host.FeedName);
});

app.Run();

/// <summary>The host entry point; public so functional tests can start it with WebApplicationFactory.</summary>
public partial class Program;
