using Grpc.Net.Client;
using TradingCore.Security;

namespace TradingCore.Tests;

/// <summary>
/// A first start that dies part-way must leave a data directory the next start completes: no stored key whose secret
/// nobody has, no empty or half-written signing key or credentials file (and an empty signing key file an older
/// version left that way is replaced).
/// </summary>
public sealed class FirstStartFailureTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AFirstStartThatCannotWriteTheCredentials_StoresNoKey_AndTheNextStartIssuesThem()
    {
        using var data = new TempDirectory();
        // In the way of the credentials file: its write fails as a full disk or a kill at that moment would end it.
        var obstacle = Path.Combine(data.Path, BootstrapCredentials.FileName);
        Directory.CreateDirectory(Path.Combine(obstacle, "in-the-way"));
        await using (var first = ServerProcess.Start(data.Path, "--TradingCore:Feed:Synthetic:IntervalMs=5"))
        {
            await first.WaitForExitAsync(TimeSpan.FromSeconds(60));
            Assert.True(first.ExitCode == 1, first.Output);
        }

        Directory.Delete(obstacle, recursive: true);
        await using var second = ServerProcess.Start(data.Path, "--TradingCore:Feed:Synthetic:IntervalMs=5");
        using var channel = GrpcChannel.ForAddress(second.Address);

        // Logs in with the credentials the second start wrote: the first stored none it could not hand out.
        await CrashRecoveryTests.WaitUntilReady(channel, second, data.Path);
        Assert.Contains("First start: an admin key and a trader key", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmptySigningKeyFile_LeftByAnInterruptedFirstStart_IsReplaced_ButAnUnreadableOneIsRefused()
    {
        using var data = new TempDirectory();
        var options = new Configuration.TradingCoreOptions { DataDirectory = data.Path };
        var path = Path.Combine(data.Path, SigningKeys.FileName);
        File.WriteAllText(path, "");

        var created = new SigningKeys(options);
        Assert.True(Convert.FromBase64String(File.ReadAllText(path)).Length >= 32);
        Assert.Equal(created.Current.KeyId, new SigningKeys(options).Current.KeyId);

        File.WriteAllText(path, "not base64 at all");
        var refused = Assert.Throws<InvalidOperationException>(() => new SigningKeys(options));
        Assert.Contains("is not base64", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OwnerOnlyWrite_ReplacesTheFileWhole_OwnerOnly_AndLeavesNothingBeside()
    {
        using var data = new TempDirectory();
        var path = Path.Combine(data.Path, "secret.txt");
        OwnerOnlyFile.Write(path, "first");
        OwnerOnlyFile.Write(path, "second, longer than the first");

        Assert.Equal("second, longer than the first", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(data.Path));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public void OwnerOnlyWrite_ThatCannotReplace_LeavesNoTemporaryFile()
    {
        using var data = new TempDirectory();
        var path = Path.Combine(data.Path, "taken");
        Directory.CreateDirectory(Path.Combine(path, "child"));

        Assert.ThrowsAny<IOException>(() => OwnerOnlyFile.Write(path, "content"));
        Assert.Empty(Directory.GetFiles(data.Path));
    }
}
