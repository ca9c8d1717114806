using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TradingCore.Diagnostics;
using TradingCore.Grpc;
using TradingCore.Persistence;
using TradingCore.Streaming;

namespace TradingCore.Hosting;

/// <summary>Registers the core's services (engine host, persistence, streaming, gRPC with reflection and health).</summary>
internal static class ServiceCollectionExtensions
{
    public static IServiceCollection AddTradingCore(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddOptions<TradingCoreOptions>()
            .Bind(configuration.GetSection(TradingCoreOptions.Section))
            .PostConfigure(options => options.ContentRoot = contentRoot);
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<TradingCoreOptions>>().Value);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<SymbolCatalog>();
        services.AddSingleton<SqliteDatabase>();
        services.AddDbContextFactory<TradingDbContext>((provider, builder) =>
            builder.UseSqlite(provider.GetRequiredService<SqliteDatabase>().ConnectionString));
        services.AddSingleton<JournalWriter>();
        services.AddSingleton<HistoryReader>();
        services.AddSingleton<TickHub>();
        services.AddSingleton<TradeEventHub>();
        services.AddSingleton<TradeEventStreamer>();
        services.AddSingleton<TradingCoreHost>();
        services.AddHostedService(provider => provider.GetRequiredService<TradingCoreHost>());

        services.AddGrpc(grpc =>
        {
            grpc.Interceptors.Add<ExceptionInterceptor>();
            grpc.MaxReceiveMessageSize = 1024 * 1024;
            grpc.EnableDetailedErrors = false;
        });
        services.AddDocumentedGrpcReflection();
        services.AddGrpcHealthChecks(health =>
            {
                health.Services.Map("", _ => true);
                health.Services.Map("trading.v1.Orders", registration => registration.Tags.Contains("engine"));
                health.Services.Map("trading.v1.Positions", registration => registration.Tags.Contains("engine"));
                health.Services.Map("trading.v1.Accounts", registration => registration.Tags.Contains("engine"));
                health.Services.Map("trading.v1.MarketData", registration => registration.Tags.Contains("feed"));
            })
            .AddCheck<EngineHealthCheck>("engine", tags: ["engine"])
            .AddCheck<FeedHealthCheck>("feed", tags: ["feed"]);
        return services;
    }

    public static WebApplication MapTradingCore(this WebApplication app)
    {
        app.MapGrpcService<MarketDataService>();
        app.MapGrpcService<OrdersService>();
        app.MapGrpcService<PositionsService>();
        app.MapGrpcService<AccountsService>();
        app.MapGrpcReflectionService();
        app.MapGrpcHealthChecksService();
        return app;
    }
}
