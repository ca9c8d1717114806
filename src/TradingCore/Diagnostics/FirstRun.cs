namespace TradingCore.Diagnostics;

/// <summary>The line a first start prints once, after the server is ready: where the keys are and what to try.</summary>
internal static class FirstRun
{
    /// <summary>
    /// Commands that work as printed from the repository root: tcctl logs in with the bootstrap file and streams
    /// ticks; grpcurl lists the services on the first gRPC address.
    /// </summary>
    public static string Hint(string credentialsPath, string grpcAddress)
    {
        var target = grpcAddress.Replace("http://", "", StringComparison.Ordinal).Replace("https://", "", StringComparison.Ordinal).TrimEnd('/');
        var plaintext = grpcAddress.StartsWith("https://", StringComparison.Ordinal) ? "" : "-plaintext ";
        return $"dotnet run --project src/Clients/Tcctl -- login --bootstrap {credentialsPath} && dotnet run --project src/Clients/Tcctl -- ticks EURUSD"
            + $"   |   grpcurl {plaintext}{target} list";
    }
}
