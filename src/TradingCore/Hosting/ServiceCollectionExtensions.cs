using OpenTelemetry.Resources;
using OpenTelemetry.Metrics;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using TradingCore.Configuration;
using TradingCore.Diagnostics;
using TradingCore.Engine.Loop;
using TradingCore.Grpc;
using TradingCore.Persistence;
using TradingCore.Security;
using TradingCore.Streaming;
using TradingCore.Symbols;

namespace TradingCore.Hosting;

/// <summary>The composition root: registers the core's services in groups and maps its endpoints.</summary>
internal static class ServiceCollectionExtensions
{
    /// <summary>Everything the core serves with: its settings, the pipeline, authentication and the gRPC surface.</summary>
    public static IServiceCollection AddTradingCore(this IServiceCollection services, IConfiguration configuration, string contentRoot) =>
        services
            .AddCoreSettings(configuration, contentRoot)
            .AddPipeline()
            .AddCoreAuthentication()
            .AddGrpcSurface();

    /// <summary>TradingCore settings, validated before anything starts, and the clock.</summary>
    private static IServiceCollection AddCoreSettings(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        // The console's timestamp format ends with a space that separates it from the message in the simple
        // formatter; the JSON formatter shares the settings and must not carry it into its "Timestamp" value.
        services.PostConfigure<Microsoft.Extensions.Logging.Console.JsonConsoleFormatterOptions>(json => json.TimestampFormat = json.TimestampFormat?.TrimEnd());
        services.AddOptions<TradingCoreOptions>()
            .Bind(configuration.GetSection(TradingCoreOptions.Section))
            .PostConfigure(options => options.ContentRoot = contentRoot)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TradingCoreOptions>, TradingCoreOptionsValidator>();
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<TradingCoreOptions>>().Value);
        services.AddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>
    /// The pipeline: symbols, storage (database, journal, projector), the engine host and its handle, tick, bar and
    /// trade-event fan-out, feeds, metrics and health.
    /// </summary>
    private static IServiceCollection AddPipeline(this IServiceCollection services)
    {
        services.AddSingleton<SymbolCatalog>();
        services.AddSingleton<CoreDatabase>(provider =>
        {
            var settings = provider.GetRequiredService<TradingCoreOptions>();
            return settings.Persistence.Provider.Trim().Equals("PostgreSql", StringComparison.OrdinalIgnoreCase)
                ? new PostgresDatabase(settings)
                : new SqliteDatabase(settings, provider.GetRequiredService<ILogger<SqliteDatabase>>());
        });
        services.AddSingleton<IDbContextFactory<TradingDbContext>, CoreContextFactory>();
        services.AddMetrics();
        services.AddSingleton<TradingCoreMetrics>();
        services.AddOpenTelemetry()
            // service.name (and instance) on every series through target_info, so a shared Prometheus tells cores apart.
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceInstanceId: Environment.MachineName))
            .WithMetrics(metrics => metrics
                .AddMeter(TradingCoreMetrics.MeterName, TradingCore.Engine.Loop.EngineMetrics.MeterName)
                // Built-in meters: request durations per gRPC method, connections, GC/memory/thread pool.
                .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime")
                .AddView(instrument => instrument.Meter.Name == "System.Runtime"
                    && instrument.Name is TradingCoreMetrics.RuntimeThreadPoolQueue or TradingCoreMetrics.RuntimeThreadPoolThreads
                        ? OpenTelemetry.Metrics.MetricStreamConfiguration.Drop
                        : null)
                .AddPrometheusExporter());
        services.AddSingleton(provider => provider.GetRequiredService<CoreDatabase>().CreateJournal());
        services.AddSingleton(provider => new Persistence.Journal.Projector(
            provider.GetRequiredService<Persistence.Journal.IJournal>(),
            provider.GetRequiredService<CoreDatabase>(),
            provider.GetRequiredService<ILogger<Persistence.Journal.Projector>>(),
            TimeSpan.FromMilliseconds(provider.GetRequiredService<TradingCoreOptions>().Persistence.ProjectionIntervalMs)));
        services.AddSingleton<Persistence.Journal.ProjectionBarrier>();
        services.AddSingleton<JournalWriter>();
        services.AddSingleton<QuoteStore>();
        services.AddSingleton<DatabaseBackup>();
        services.AddSingleton<HistoryReader>();
        services.AddSingleton<Routing.LedgerCheck>();
        services.AddSingleton<Grpc.OrderCommands>();
        services.AddSingleton<TickHub>();
        services.AddSingleton<Bars.BarStore>();
        services.AddSingleton<Bars.BarHub>();
        services.AddSingleton<Backtesting.BacktestRegistry>();
        services.AddSingleton<Bars.BarAggregator>();
        services.AddSingleton<TradeEventHub>();
        services.AddSingleton<TradeEventStreamer>();
        services.AddSingleton<AccountPlacement>();
        services.AddSingleton<TradingCoreHost>();
        services.AddSingleton<ITradingEngine, HostedEngine>();
        services.AddSingleton<EngineRouter>();
        services.AddHostedService(provider => provider.GetRequiredService<TradingCoreHost>());
        services.AddSingleton<Feeds.FeedMonitor>();
        services.AddSingleton<global::Grpc.HealthCheck.HealthServiceImpl>();
        services.AddSingleton<HealthReporter>();
        services.AddHostedService(provider => provider.GetRequiredService<HealthReporter>());
        return services;
    }

    /// <summary>API keys, logins and JWTs (validated tokens cached until expiry, revocation checked per call), rate limits.</summary>
    private static IServiceCollection AddCoreAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<ApiKeyRegistry>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<SigningKeys>();
        services.AddSingleton<TokenAuthenticator>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<AuthorizationInterceptor>();
        services.AddSingleton<CallRateLimiter>();
        return services;
    }

    /// <summary>gRPC with its interceptors, HTTP/JSON transcoding and reflection (with the error-detail types).</summary>
    private static IServiceCollection AddGrpcSurface(this IServiceCollection services)
    {
        // Registered, the interceptor is resolved once; unregistered, gRPC would create one per call. Authorization
        // runs inside the exception mapping in the same stage (one async wrapper per call, not two).
        services.AddSingleton(provider => new ExceptionInterceptor(provider.GetRequiredService<ILogger<ExceptionInterceptor>>(), provider.GetRequiredService<AuthorizationInterceptor>()));
        services.AddGrpc(grpc =>
        {
            grpc.Interceptors.Add<ExceptionInterceptor>();
            grpc.MaxReceiveMessageSize = 1024 * 1024;
            grpc.EnableDetailedErrors = false;
        }).AddJsonTranscoding(transcoding =>
        {
            // The protobuf JSON mapping: 64-bit integers are strings, so JavaScript and other double-based parsers
            // read tickets, sequences and magic numbers exactly (18446744073709551615 stays itself).
            transcoding.JsonSettings.WriteInt64sAsStrings = true;
            // Error details the services attach (field violations, retry delays) must be known to render as JSON.
            transcoding.TypeRegistry = HttpJson.JsonError.DetailTypes;
        });
        services.AddDocumentedGrpcReflection();
        return services;
    }

    /// <summary>The OpenTelemetry service.name of the core's metrics.</summary>
    public const string ServiceName = "trading-core";

    /// <summary>The HTTP health route (GET, optional ?service=).</summary>
    public const string HealthPath = "/v1/health";

    /// <summary>The middleware (port roles, startup gate, authentication, rate limits) and every endpoint.</summary>
    public static WebApplication MapTradingCore(this WebApplication app)
    {
        app.UseMiddleware<RpcMetricsMiddleware>();
        app.UseMiddleware<HttpJson.JsonErrorPages>();
        app.UseMiddleware<PortRoleMiddleware>();
        app.UseMiddleware<StartupGateMiddleware>();
        app.UseMiddleware<UndecodableRequestMiddleware>();
        app.UseMiddleware<CallsInFlightMiddleware>();
        app.UseMiddleware<TokenAuthenticationMiddleware>();
        app.UseMiddleware<RateLimitMiddleware>();
        app.UseMiddleware<RequireCallerMiddleware>();
        app.UseMiddleware<HttpJson.JsonRequestMiddleware>();

        // Defense in depth: the trading services need an authenticated caller at the endpoint; the authorization
        // interceptor then checks role and account per method. Auth (login), reflection and health stay open.
        app.MapGrpcService<MarketDataService>().WithMetadata(RequiresCaller.Instance);
        app.MapGrpcService<OrdersService>().WithMetadata(RequiresCaller.Instance);
        app.MapGrpcService<PositionsService>().WithMetadata(RequiresCaller.Instance);
        app.MapGrpcService<AccountsService>().WithMetadata(RequiresCaller.Instance);
        app.MapGrpcService<AdminService>().WithMetadata(RequiresCaller.Instance);
        app.MapGrpcService<BacktestsService>().WithMetadata(RequiresCaller.Instance);
        app.MapGrpcService<AuthService>();
        app.MapGrpcReflectionService();

        // The health of grpc.health.v1 for HTTP tools (load balancers, curl): 200 SERVING, 503 NOT_SERVING, 404 for
        // a service it does not know; no token, open during recovery like the gRPC health service.
        app.MapGet(HealthPath, (string? service, HealthReporter health) =>
            health.IsServing(service ?? "") switch
            {
                true => Results.Json(new { service = service ?? "", status = "SERVING" }),
                false => Results.Json(new { service = service ?? "", status = "NOT_SERVING" }, statusCode: StatusCodes.Status503ServiceUnavailable),
                null => Results.Json(new { code = 5, message = $"no health service {service}", details = Array.Empty<object>() }, statusCode: StatusCodes.Status404NotFound),
            });
        // The OpenAPI document of the HTTP/JSON routes, generated from the protos (no token: it is the public contract).
        app.MapGet(HttpJson.OpenApiDescription.Path, () => Results.Text(HttpJson.OpenApiDescription.Text, "application/json"));
        app.MapGrpcService<global::Grpc.HealthCheck.HealthServiceImpl>();
        if (app.Services.GetRequiredService<IOptions<TradingCoreOptions>>().Value.Metrics.Url is { Length: > 0 })
        {
            // Only on the metrics port (PortRoleMiddleware decides by the connection's port): scrapers need no
            // token, so nothing else may be reachable there, and /metrics nowhere else.
            app.MapPrometheusScrapingEndpoint(PortRole.MetricsPath);
        }
        return app;
    }
}
