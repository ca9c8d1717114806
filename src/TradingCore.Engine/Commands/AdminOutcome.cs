using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Commands;

/// <summary>The result of an account administration command: the account after it, or why it was refused.</summary>
public sealed record AdminOutcome
{
    /// <summary>The account after the change (null when refused).</summary>
    public AccountSnapshot? Account { get; init; }

    /// <summary>The balance deal the command booked, if any.</summary>
    public Deal? Deal { get; init; }

    /// <summary>Null on success; otherwise a sentence saying which precondition failed.</summary>
    public string? Refusal { get; init; }

    /// <summary>True when the account does not exist.</summary>
    public bool NotFound { get; init; }

    /// <summary>The refusal for an account that does not exist.</summary>
    public static AdminOutcome Missing(long accountId) => new() { NotFound = true, Refusal = $"account {accountId} does not exist" };

    /// <summary>A refusal with its reason.</summary>
    public static AdminOutcome Refused(string reason) => new() { Refusal = reason };
}
