using Microsoft.Extensions.Diagnostics.HealthChecks;
using TradingCore.Engine.Loop;
using TradingCore.Hosting;
using TradingCore.Persistence;

namespace TradingCore.Diagnostics;

/// <summary>Healthy while the engine runs and the journal commits; unhealthy while starting, halted or stopped.</summary>
internal sealed class EngineHealthCheck(TradingCoreHost host, JournalWriter journal) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        TradingEngine engine;
        try
        {
            engine = host.Engine;
        }
        catch (EngineUnavailableException unavailable)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy(unavailable.Message));
        }

        if (journal.Failed)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("the journal failed; trading is halted"));
        }

        return Task.FromResult(engine.IsRunning
            ? HealthCheckResult.Healthy($"engine running, {engine.QueueDepth} messages queued")
            : HealthCheckResult.Unhealthy(engine.Fault?.Message ?? "the engine is stopped"));
    }
}
