using TradingCore.Testing;
using Xunit;

[assembly: AssemblyFixture(typeof(PostgresClusterTeardown))]

namespace TradingCore.Testing;

/// <summary>
/// Stops and deletes this test assembly's PostgreSQL cluster once its last test ran, while the runner still waits:
/// done at process exit instead, the deletion of a cluster of many databases could outlast the runner's 11 s grace
/// for a process to end, and a busy CI box turned that into a failed run.
/// </summary>
public sealed class PostgresClusterTeardown : IAsyncDisposable
{
    public ValueTask DisposeAsync()
    {
        PostgresCluster.StopShared();
        return ValueTask.CompletedTask;
    }
}
