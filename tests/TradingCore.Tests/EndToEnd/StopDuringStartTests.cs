using System.Runtime.InteropServices;
using Grpc.Net.Client;
using TradingCore.Contracts.V1;

namespace TradingCore.Tests;

/// <summary>
/// A core stopped (SIGTERM: systemd, Ctrl+C) while it starts stops cleanly, whatever it was doing. The sharpest moment
/// is the first start's last steps: the engine runs (recovery is done) but the start has not completed (the demo
/// account is being created, the keys issued). The stop must still stop that engine before the journal closes: it
/// once did not, and the engine's next step failed on the closed journal ("The engine failed and halted", seen once by
/// hand; that needs the engine to take a step in the moment between the journal's close and the process's end, too
/// narrow to hit on demand, so this test pins the clean stop and the restart around it).
/// </summary>
public sealed class StopDuringStartTests
{
    private const int Sigterm = 15;

    [Fact]
    public async Task ACoreStoppedRightAfterItsRecovery_StopsCleanly_AndStartsAgainWithItsDemoAccount()
    {
        for (var round = 0; round < 3; round++)
        {
            using var data = new TempDirectory();
            string output;
            int exitCode;
            await using (var server = ServerProcess.Start(data.Path))
            {
                // "Recovered state" is logged after the engine started and before the demo account is created.
                var deadline = DateTime.UtcNow.AddSeconds(60);
                while (!server.Output.Contains("Recovered state", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(1, TestContext.Current.CancellationToken);
                }

                Assert.Equal(0, Kill(server.ProcessId, Sigterm));
                await server.WaitForExitAsync(TimeSpan.FromSeconds(30));
                (output, exitCode) = (server.Output, server.ExitCode);
            }

            Assert.DoesNotContain("failed and halted", output, StringComparison.Ordinal);
            Assert.Equal(0, exitCode);
            await using var restarted = ServerProcess.Start(data.Path);
            using var channel = GrpcChannel.ForAddress(restarted.Address);
            var accounts = new Accounts.AccountsClient(await CrashRecoveryTests.WaitUntilReady(channel, restarted, data.Path));
            var demo = await accounts.GetAccountAsync(new GetAccountRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal(CoreServer.DemoAccount, demo.Account.AccountId);
        }
    }

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);
}
