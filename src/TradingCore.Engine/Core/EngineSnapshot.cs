using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Core;

/// <summary>
/// The state the engine starts from: what storage holds after the last committed batch. Orders include history,
/// because the idempotency index covers every client order id ever used.
/// </summary>
public sealed record EngineSnapshot
{
    public static EngineSnapshot Empty { get; } = new();

    public IReadOnlyList<Account> Accounts { get; init; } = [];

    public IReadOnlyList<Order> Orders { get; init; } = [];

    public IReadOnlyList<Position> Positions { get; init; } = [];

    public ulong LastOrderTicket { get; init; }

    public ulong LastDealTicket { get; init; }

    public ulong LastSequence { get; init; }
}
