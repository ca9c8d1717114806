namespace TradingCore.Engine.Commands;

/// <summary>What the engine did with a terminal's report (a result or a deal).</summary>
public enum VenueOutcome
{
    /// <summary>Applied: the order, positions or balance changed.</summary>
    Applied = 1,

    /// <summary>Already applied (a repeated deal, a result for an order already decided): nothing changed.</summary>
    Duplicate = 2,

    /// <summary>Applied, and it is a trade the core did not send (by hand in the terminal, a broker stop-out, a server SL/TP).</summary>
    External = 3,

    /// <summary>Not applicable: no account is routed to the login, or the symbol is unknown; nothing changed.</summary>
    Ignored = 4,
}
