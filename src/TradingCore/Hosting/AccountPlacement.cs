using TradingCore.Configuration;

namespace TradingCore.Hosting;

/// <summary>
/// Which instance owns an account (TradingCore:Instances). An account in another member's range is foreign: every
/// call naming it is refused FAILED_PRECONDITION with the owner's name and endpoints, and nothing is created for
/// it here. An account in no member's range (backtest accounts, or every account without instances) is local.
/// </summary>
internal sealed class AccountPlacement(TradingCoreOptions options)
{
    private readonly IReadOnlyList<InstanceMember> _members = options.Instances.Members;

    /// <summary>This instance, or null without instances (it owns every account).</summary>
    public InstanceMember? Self { get; } = options.Instances.Members.FirstOrDefault(member => member.Name == options.Instances.Self);

    /// <summary>The member owning <paramref name="accountId"/>, or null when no member claims it (local).</summary>
    public InstanceMember? Owner(long accountId)
    {
        // A loop, not FirstOrDefault with a lambda: every authorized call asks (a closure and a delegate per call).
        foreach (var member in _members)
        {
            if (member.Owns(accountId))
            {
                return member;
            }
        }

        return null;
    }

    /// <summary>The other instance that owns <paramref name="accountId"/>, or null when it is this instance's.</summary>
    public InstanceMember? ForeignOwner(long accountId) => Owner(accountId) is { } owner && owner != Self ? owner : null;

    /// <summary>The refusal of a call naming a foreign account.</summary>
    public static string Elsewhere(long accountId, InstanceMember owner) =>
        $"account {accountId} belongs to instance {owner.Name} ({string.Join(", ", owner.EndpointList)}); call it there (Accounts.LocateAccount tells where each account is)";
}
