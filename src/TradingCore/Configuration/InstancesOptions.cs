namespace TradingCore.Configuration;

/// <summary>
/// Accounts spread over core instances (TradingCore:Instances): each instance owns a range of account numbers, has a
/// store of its own and serves only its accounts; Accounts.LocateAccount tells a client which instance owns an
/// account. Empty (default): one instance owns every account. docs/operations.md "Accounts over instances".
/// </summary>
public sealed class InstancesOptions
{
    /// <summary>This instance's name among <see cref="Members"/>.</summary>
    public string Self { get; set; } = "";

    /// <summary>Every instance of the deployment, this one included (the same list on all of them).</summary>
    public List<InstanceMember> Members { get; set; } = [];
}
