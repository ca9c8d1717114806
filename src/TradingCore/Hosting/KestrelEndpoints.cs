using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using TradingCore.Configuration;

namespace TradingCore.Hosting;

/// <summary>
/// The listening endpoints: the gRPC URLs (standard <c>urls</c> setting: appsettings "Urls", <c>--urls</c>,
/// ASPNETCORE_URLS) speak HTTP/2 (h2c on http://, HTTP/1.1 and HTTP/2 by ALPN on https://), and the optional
/// HTTP/JSON URL (<c>TradingCore:HttpJson:Url</c>) speaks HTTP/1.1 so plain curl reaches the transcoded routes, as
/// does the Prometheus URL (<c>TradingCore:Metrics:Url</c>).
/// </summary>
internal static class KestrelEndpoints
{
    public const string DefaultGrpcUrl = "http://127.0.0.1:50051";

    /// <summary>Reads the URLs, takes them away from the default binding, and listens on them explicitly.</summary>
    public static void UseTradingCoreEndpoints(this WebApplicationBuilder builder)
    {
        var grpcUrls = Split(builder.Configuration[WebHostDefaults.ServerUrlsKey] ?? DefaultGrpcUrl);
        var jsonUrl = builder.Configuration[$"{TradingCoreOptions.Section}:HttpJson:Url"];
        var metricsUrl = builder.Configuration[$"{TradingCoreOptions.Section}:Metrics:Url"];
        WithoutHostingUrls(builder.Services);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var url in grpcUrls)
            {
                Listen(kestrel, url, HttpProtocols.Http2, PortRole.Api);
            }

            if (!string.IsNullOrWhiteSpace(jsonUrl))
            {
                Listen(kestrel, jsonUrl.Trim(), HttpProtocols.Http1, PortRole.Api);
            }

            if (!string.IsNullOrWhiteSpace(metricsUrl))
            {
                Listen(kestrel, metricsUrl.Trim(), HttpProtocols.Http1, PortRole.Metrics);
            }
        });
    }

    /// <summary>
    /// The host hands the <c>urls</c> setting to the server as addresses, and Kestrel, seeing explicit endpoints
    /// as well, would warn at every start that it overrides them. They are bound explicitly here, so the server is
    /// wrapped to start with that list empty (after start it lists the endpoints actually bound).
    /// </summary>
    private static void WithoutHostingUrls(IServiceCollection services)
    {
        var kestrel = services.LastOrDefault(descriptor => descriptor.ServiceType == typeof(IServer));
        if (kestrel?.ImplementationType is not { } implementation)
        {
            return;
        }

        services.Remove(kestrel);
        services.AddSingleton<IServer>(provider => new ExplicitEndpointsServer((IServer)ActivatorUtilities.CreateInstance(provider, implementation)));
    }

    private sealed class ExplicitEndpointsServer(IServer inner) : IServer
    {
        public IFeatureCollection Features => inner.Features;

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull
        {
            Features.Get<IServerAddressesFeature>()?.Addresses.Clear();
            return inner.StartAsync(application, cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => inner.StopAsync(cancellationToken);

        public void Dispose() => inner.Dispose();
    }

    /// <summary>A listening URL, or a configuration error naming it (Program prints it as one line and exits 1).</summary>
    private static BindingAddress Parse(string url)
    {
        try
        {
            var address = BindingAddress.Parse(url);
            if (address.Scheme is "http" or "https" && address.Port is >= 0 and <= 65_535)
            {
                return address;
            }
        }
        catch (FormatException)
        {
            // Reported below.
        }

        var shown = url.Length <= 64 ? url : url[..64] + "...";
        throw new Microsoft.Extensions.Options.OptionsValidationException(
            "urls", typeof(string), [$"the listening URL '{shown}' (Urls, TradingCore:HttpJson:Url or TradingCore:Metrics:Url) must be http:// or https://host:port"]);
    }

    private static string[] Split(string urls) => urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static void Listen(KestrelServerOptions kestrel, string url, HttpProtocols cleartextProtocols, string role)
    {
        var address = Parse(url);
        var https = string.Equals(address.Scheme, "https", StringComparison.OrdinalIgnoreCase);
        void Configure(ListenOptions listen)
        {
            PortRole.Tag(listen, role);
            listen.Protocols = https ? HttpProtocols.Http1AndHttp2 : cleartextProtocols;
            if (https)
            {
                listen.UseHttps();
            }
        }

        if (string.Equals(address.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            kestrel.ListenLocalhost(address.Port, Configure);
        }
        else if (IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip))
        {
            kestrel.Listen(ip, address.Port, Configure);
        }
        else
        {
            // "*", "+" or a host name: every interface, as Kestrel does for such URLs.
            kestrel.ListenAnyIP(address.Port, Configure);
        }
    }
}
