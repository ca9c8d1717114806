namespace TradingCore.Engine.Domain;

/// <summary>Operator-controlled trading state of an account.</summary>
public enum AccountTradingState
{
    /// <summary>Everything allowed.</summary>
    Active = 1,

    /// <summary>Only exposure-reducing orders.</summary>
    Reducing = 2,

    /// <summary>No new orders; cancels allowed.</summary>
    Halted = 3,
}
