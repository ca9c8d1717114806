namespace TradingCore.Engine.Commands;

/// <summary>
/// The end of a terminal's reconciliation sweep (after the history deals it sent): what MT5 holds now. MT5 is the
/// truth: the core's routed account is made to agree with it (docs/mt5-routing.md, "Reconciliation").
/// </summary>
/// <param name="Login">The terminal's MT5 login.</param>
/// <param name="Positions">Every open position of the MT5 account.</param>
/// <param name="Balance">ACCOUNT_BALANCE.</param>
/// <param name="InFlight">Core order tickets the EA sent and has no result for yet: they stay in flight.</param>
public sealed record VenueSync(long Login, IReadOnlyList<VenuePosition> Positions, decimal Balance, IReadOnlyCollection<ulong> InFlight)
{
    /// <summary>MT5's open (pending) orders: its ticket and the core ticket its tag names (0: none).</summary>
    public IReadOnlyList<(ulong Mt5OrderTicket, ulong OrderTicket)> OpenOrders { get; init; } = [];
}
