using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using TradingCore.Client;

namespace TradingCore.Samples;

/// <summary>
/// The options every sample shares (where the server is and which key to use) and typed options whose errors name
/// the option and what it expects. Samples parse with System.CommandLine like tcctl: <c>--help</c> lists the
/// options, and an unknown option or a bad value is an error (exit code 1), never silently ignored.
/// </summary>
public sealed class SampleOptions
{
    /// <summary>The core's gRPC address.</summary>
    public Option<string?> Address { get; } = new("--address") { Description = "The core's gRPC address (default: TRADINGCORE_ADDRESS, else http://127.0.0.1:50051)" };

    /// <summary>The API key id.</summary>
    public Option<string?> KeyId { get; } = new("--key-id") { Description = "API key id (default: TRADINGCORE_KEY_ID, else the trader key of " + SampleConnection.BootstrapPath + ")" };

    /// <summary>The API key secret.</summary>
    public Option<string?> Secret { get; } = new("--secret") { Description = "API key secret (default: TRADINGCORE_KEY_SECRET, else the bootstrap file's)" };

    /// <summary>A root command for a sample with the connection options added.</summary>
    public RootCommand Root(string description, params Option[] options)
    {
        var root = new RootCommand(description);
        foreach (var option in options.Concat([Address, KeyId, Secret]))
        {
            root.Options.Add(option);
        }

        return root;
    }

    /// <summary>The client options the parsed connection options give (then the environment, then the bootstrap file).</summary>
    public TradingCoreClientOptions Connection(ParseResult parsed) =>
        SampleConnection.Options(parsed.GetValue(Address), parsed.GetValue(KeyId), parsed.GetValue(Secret));

    /// <summary>
    /// A decimal option read in invariant culture ("0.10"), with a readable error; absent is null (the caller
    /// applies its default, shown in <paramref name="description"/>).
    /// </summary>
    public static Option<decimal?> Decimal(string name, string example, string description) => new(name)
    {
        Description = description,
        CustomParser = result => decimal.TryParse(result.Tokens.Count > 0 ? result.Tokens[^1].Value : "", NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value
            : Fail<decimal?>(result, $"{name}: '{(result.Tokens.Count > 0 ? result.Tokens[^1].Value : "")}' is not a number (write it like {example})"),
    };

    private static T? Fail<T>(ArgumentResult result, string message)
    {
        result.AddError(message);
        return default;
    }
}
