using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Commands;

/// <summary>The result of an account administration command: the account after it, or why it was refused.</summary>
public sealed record AdminOutcome
{
    public AccountSnapshot? Account { get; init; }

    public Deal? Deal { get; init; }

    /// <summary>Null on success; otherwise a sentence saying which precondition failed.</summary>
    public string? Refusal { get; init; }

    public bool NotFound { get; init; }

    public static AdminOutcome Missing(long accountId) => new() { NotFound = true, Refusal = $"account {accountId} does not exist" };

    public static AdminOutcome Refused(string reason) => new() { Refusal = reason };
}
