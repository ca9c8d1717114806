using System.CommandLine;
using System.CommandLine.Help;
using TradingCore.Samples.MaCrossover;
using TradingCore.Samples.TickRecorder;

namespace TradingCore.Client.Tests;

/// <summary>The samples' command lines behave like tcctl's: --help, and no silently ignored typo or bad value.</summary>
public sealed class SampleCommandLineTests
{
    public static TheoryData<string> Samples => ["ma-crossover", "tick-recorder", "load-harness"];

    [Theory]
    [MemberData(nameof(Samples))]
    public void Help_IsAnswered(string sample)
    {
        var parsed = Command(sample).Parse(["--help"]);

        Assert.Empty(parsed.Errors);
        Assert.IsType<HelpAction>(parsed.Action);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void AnUnknownOption_IsAnError(string sample)
    {
        var parsed = Command(sample).Parse(["--adress", "http://127.0.0.1:50051"]);

        Assert.Contains(parsed.Errors, error => error.Message.Contains("--adress", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ABadVolume_NamesTheOptionAndHowToWriteIt_AndExitsWithoutTrading()
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();

        var exit = await MaCrossoverProgram.Command().Parse(["--volume", "0,10"]).InvokeAsync(new InvocationConfiguration { Output = output, Error = errors }, TestContext.Current.CancellationToken);

        Assert.Equal(1, exit);
        Assert.Contains("--volume: '0,10' is not a number (write it like 0.10)", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheDefaults_ParseWithoutErrors()
    {
        Assert.Empty(MaCrossoverProgram.Command().Parse([]).Errors);
        Assert.Empty(TickRecorderProgram.Command().Parse(["--symbols", "EURUSD,XAUUSD", "--count", "3"]).Errors);
    }

    [Theory]
    [InlineData("ordrs")]
    [InlineData("orders --seconds abc")]
    [InlineData("orders --secnds 3")]
    [InlineData("drive http://127.0.0.1:50051 data 10 fast")]
    [InlineData("orders --rate -5")]
    public void TheHarness_RefusesATypoOrBadValue_InsteadOfMeasuringSomethingElse(string line)
    {
        var ran = false;
        var parsed = Harness(_ => ran = true).Parse(line.Split(' '));

        Assert.NotEmpty(parsed.Errors);
        Assert.False(ran);
    }

    [Fact]
    public async Task TheHarness_ReadsItsOptions()
    {
        TradingCore.LoadHarness.HarnessOptions? options = null;

        var exit = await Harness(read => options = read).Parse(["orders", "--seconds", "2.5", "--rate", "500", "--out", "/tmp/x"]).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(0, exit);
        Assert.Equal(("orders", TimeSpan.FromSeconds(2.5), 500d, "/tmp/x"), (options!.Scenario, options.Measure, options.Rate, options.Output));
    }

    [Fact]
    public async Task TheHarnessDriveCommand_ReadsItsAddressAndMode()
    {
        (Uri Address, string Directory, TimeSpan Duration, string Mode)? read = null;
        var command = TradingCore.LoadHarness.HarnessOptions.Command(
            _ => Task.FromResult(0),
            (_, _) => Task.FromResult(0),
            (address, directory, duration, mode) =>
            {
                read = (address, directory, duration, mode);
                return Task.FromResult(0);
            });

        var exit = await command.Parse(["drive", "http://127.0.0.1:50051", "data", "20", "rate:200"]).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);
        var badAddress = command.Parse(["drive", "127.0.0.1:50051", "data", "20", "unary"]);

        Assert.Equal(0, exit);
        Assert.Equal((new Uri("http://127.0.0.1:50051"), "data", TimeSpan.FromSeconds(20), "rate:200"), read);
        Assert.Contains(badAddress.Errors, error => error.Message.Contains("not an http:// or https:// address", StringComparison.Ordinal));
    }

    private static RootCommand Harness(Action<TradingCore.LoadHarness.HarnessOptions> run) => TradingCore.LoadHarness.HarnessOptions.Command(
        options =>
        {
            run(options);
            return Task.FromResult(0);
        },
        (_, _) => Task.FromResult(0),
        (_, _, _, _) => Task.FromResult(0));

    private static RootCommand Command(string sample) => sample switch
    {
        "ma-crossover" => MaCrossoverProgram.Command(),
        "tick-recorder" => TickRecorderProgram.Command(),
        _ => Harness(_ => { }),
    };
}
