using Microsoft.Extensions.Diagnostics.HealthChecks;
using TradingCore.Hosting;

namespace TradingCore.Diagnostics;

/// <summary>Healthy while the configured feed runs; degraded when it ended (a finished replay) or none is configured.</summary>
internal sealed class FeedHealthCheck(TradingCoreHost host) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(host.FeedRunning
            ? HealthCheckResult.Healthy($"feed {host.FeedName} running")
            : HealthCheckResult.Degraded($"feed {host.FeedName} is not running"));
}
