using Microsoft.AspNetCore.Connections.Features;

namespace TradingCore.Hosting;

/// <summary>
/// What a listening port is for, attached to each connection when Kestrel accepts it (never taken from the Host
/// header, which the client chooses): the gRPC and HTTP/JSON ports serve the API, the metrics port serves only
/// <c>GET /metrics</c>. <see cref="PortRoleMiddleware"/> answers 404 to anything else.
/// </summary>
internal static class PortRole
{
    public const string Api = "api";
    public const string Metrics = "metrics";
    public const string MetricsPath = "/metrics";

    private const string ItemKey = "tradingcore.port-role";

    /// <summary>Tags every connection accepted on the endpoint with <paramref name="role"/>.</summary>
    public static void Tag(Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions listen, string role) =>
        listen.Use(next => connection =>
        {
            connection.Items[ItemKey] = role;
            return next(connection);
        });

    /// <summary>The role of the connection's port; null in-process (TestServer), where there is no port.</summary>
    public static string? Of(HttpContext context) =>
        context.Features.Get<IConnectionItemsFeature>()?.Items.TryGetValue(ItemKey, out var role) == true ? role as string : null;
}

/// <summary>Refuses requests that do not belong on the port they arrived at (see <see cref="PortRole"/>).</summary>
internal sealed class PortRoleMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var isMetricsPath = context.Request.Path.Equals(PortRole.MetricsPath, StringComparison.OrdinalIgnoreCase);
        var onMetricsPort = PortRole.Of(context) == PortRole.Metrics;
        if (isMetricsPath != onMetricsPort)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        return next(context);
    }
}
