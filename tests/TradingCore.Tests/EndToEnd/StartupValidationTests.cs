namespace TradingCore.Tests;

/// <summary>A bad setting stops the real process at start: exit code 1 and one line naming the setting and its range, no stack trace.</summary>
public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("--TradingCore:Engine:InputCapacity=-5", "TradingCore:Engine:InputCapacity is -5; it must be 16..")]
    [InlineData("--TradingCore:Auth:TokenLifetimeMinutes=0", "TradingCore:Auth:TokenLifetimeMinutes is 0; it must be 1..1440")]
    [InlineData("--TradingCore:Persistence:MaxBatchSize=0", "TradingCore:Persistence:MaxBatchSize")]
    [InlineData("--TradingCore:Persistence:Synchronous=Sometimes", "TradingCore:Persistence:Synchronous")]
    [InlineData("--TradingCore:Instances:Self=core-z", "TradingCore:Instances:Self is set but Instances:Members is empty")]
    [InlineData("--TradingCore:Persistence:Provider=Sqlite --TradingCore:HighAvailability:Standby=true", "HighAvailability:Standby is true but Persistence:Provider is not PostgreSql")]
    [InlineData("--TradingCore:Persistence:Provider=Oracle", "TradingCore:Persistence:Provider is 'Oracle'; it must be Sqlite or PostgreSql")]
    [InlineData("--TradingCore:Persistence:Provider=PostgreSql", "TradingCore:Persistence:ConnectionString is empty")]
    [InlineData("--TradingCore:Streams:DefaultTickBuffer=0", "TradingCore:Streams:DefaultTickBuffer")]
    [InlineData("--TradingCore:Feed:Kind=Replay", "TradingCore:Feed:Replay:File")]
    [InlineData("--TradingCore:DemoAccount:Leverage=0", "TradingCore:DemoAccount:Leverage")]
    [InlineData("--TradingCore:DemoAccount:AccountId=9223372036854775807", "TradingCore:DemoAccount:AccountId")]
    [InlineData("--TradingCore:Engine:InputCapacity=lots", "TradingCore:Engine:InputCapacity")]
    [InlineData("--TradingCore:Auth:SigningKey=c2hvcnQ=", "TradingCore:Auth:SigningKey")]
    [InlineData("--TradingCore:Backtests:MaxRunning=0", "TradingCore:Backtests:MaxRunning is 0; it must be 1..256")]
    [InlineData("--TradingCore:DemoAccount:AccountId=9007199000000005", "are for backtest accounts")]
    public async Task ABadSetting_ExitsWithOneLineNamingIt(string argument, string expected) // argument: one or more, space-separated
    {
        using var data = new TempDirectory();
        await using var server = ServerProcess.Start(data.Path, argument.Split(' '));

        await server.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, server.ExitCode);
        var lines = server.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var error = Assert.Single(lines, line => line.StartsWith("trading-core: configuration error:", StringComparison.Ordinal));
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain(lines, line => line.StartsWith("at ", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(data.Path, "trading.db")), "nothing is created before the settings are valid");
    }

    [Fact]
    public async Task APostgreSqlStoreThatCannotBeReached_EndsTheProcessWithExitCode1_NamingTheServer()
    {
        using var data = new TempDirectory();
        using var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop(); // nothing listens there now
        await using var server = ServerProcess.Start(data.Path, "--TradingCore:Persistence:Provider=PostgreSql", $"--TradingCore:Persistence:ConnectionString=Host=127.0.0.1;Port={port};Database=trading;Username=core;Timeout=5");

        await server.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, server.ExitCode);
        Assert.Contains("Recovery failed; the core stops (exit code 1)", server.Output, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{port}", server.Output, StringComparison.Ordinal);
    }
}
