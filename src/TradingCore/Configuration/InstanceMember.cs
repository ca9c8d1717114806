namespace TradingCore.Configuration;

/// <summary>One core instance of a deployment whose accounts are spread over instances.</summary>
public sealed class InstanceMember
{
    /// <summary>Its name (unique in the deployment), e.g. "core-a".</summary>
    public string Name { get; set; } = "";

    /// <summary>Where clients reach it: one gRPC address, or several comma-separated (an active core and its standby).</summary>
    public string Endpoints { get; set; } = "";

    /// <summary>The first account number it owns.</summary>
    public long FirstAccount { get; set; }

    /// <summary>The last account number it owns (inclusive).</summary>
    public long LastAccount { get; set; }

    /// <summary><see cref="Endpoints"/> as a list.</summary>
    public IReadOnlyList<string> EndpointList => [.. Endpoints.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>Whether it owns <paramref name="accountId"/>.</summary>
    public bool Owns(long accountId) => accountId >= FirstAccount && accountId <= LastAccount;
}
