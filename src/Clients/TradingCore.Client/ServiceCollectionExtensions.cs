using Grpc.Net.ClientFactory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TradingCore.Contracts.V1;

namespace TradingCore.Client;

/// <summary>Registration with Microsoft.Extensions.DependencyInjection through Grpc.Net.ClientFactory.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="TradingCoreClient"/> (and the generated service clients it wraps) for injection. The
    /// channels come from Grpc.Net.ClientFactory (pooled HTTP/2 connections with keep-alive pings); every client
    /// resolved shares one access token, obtained and refreshed with the configured API key.
    /// </summary>
    public static IServiceCollection AddTradingCoreClient(this IServiceCollection services, Action<TradingCoreClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<TradingCoreClientOptions>().Configure(configure);
        services.TryAddSingleton(provider => new AccessTokenKeeper(provider.GetRequiredService<IOptions<TradingCoreClientOptions>>().Value));
        services.TryAddSingleton(provider => new BearerTokenInterceptor(() => provider.GetRequiredService<AccessTokenKeeper>().Current));

        // Login and refresh carry their own credentials: no token interceptor on the Auth client the keeper uses.
        services.AddGrpcClient<Auth.AuthClient>(Configure).ConfigurePrimaryHttpMessageHandler(CreateHandler);
        Authenticated<MarketData.MarketDataClient>(services);
        Authenticated<Orders.OrdersClient>(services);
        Authenticated<Positions.PositionsClient>(services);
        Authenticated<Accounts.AccountsClient>(services);
        Authenticated<Admin.AdminClient>(services);
        Authenticated<Backtests.BacktestsClient>(services);

        services.TryAddTransient(provider =>
        {
            var options = provider.GetRequiredService<IOptions<TradingCoreClientOptions>>().Value;
            var tokens = provider.GetRequiredService<AccessTokenKeeper>();
            var auth = provider.GetRequiredService<Auth.AuthClient>();
            tokens.Auth ??= auth;
            return new TradingCoreClient(options, tokens, new ServiceClients(
                auth,
                provider.GetRequiredService<MarketData.MarketDataClient>(),
                provider.GetRequiredService<Orders.OrdersClient>(),
                provider.GetRequiredService<Positions.PositionsClient>(),
                provider.GetRequiredService<Accounts.AccountsClient>(),
                provider.GetRequiredService<Admin.AdminClient>(),
                provider.GetRequiredService<Backtests.BacktestsClient>()));
        });
        return services;
    }

    private static void Authenticated<TClient>(IServiceCollection services)
        where TClient : class =>
        services.AddGrpcClient<TClient>(Configure)
            .AddInterceptor(provider => provider.GetRequiredService<BearerTokenInterceptor>())
            .ConfigurePrimaryHttpMessageHandler(CreateHandler);

    private static void Configure(IServiceProvider provider, GrpcClientFactoryOptions factory)
    {
        var options = provider.GetRequiredService<IOptions<TradingCoreClientOptions>>().Value;
        if (options.Addresses.Count > 0)
        {
            // Said at once rather than silently using Address alone.
            throw new InvalidOperationException("TradingCoreClientOptions.Addresses (several endpoints to follow) is supported by new TradingCoreClient(options); the dependency-injection registration uses Address alone");
        }

        factory.Address = options.Address;
    }

    private static HttpMessageHandler CreateHandler() => TradingCoreClient.CreateHandler();
}
