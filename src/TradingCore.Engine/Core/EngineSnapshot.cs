using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Core;

/// <summary>
/// The state the engine starts from: what storage holds after the last committed batch. Orders are the working
/// ones plus the newest decided ones (the idempotency window); older ids are answered from storage.
/// </summary>
public sealed record EngineSnapshot
{
    /// <summary>A fresh start: nothing stored.</summary>
    public static EngineSnapshot Empty { get; } = new();

    /// <summary>Every account.</summary>
    public IReadOnlyList<Account> Accounts { get; init; } = [];

    /// <summary>Every working order and the newest decided ones, in ticket order (all of them when nothing is unloaded).</summary>
    public IReadOnlyList<Order> Orders { get; init; } = [];

    /// <summary>Open positions.</summary>
    public IReadOnlyList<Position> Positions { get; init; } = [];

    /// <summary>Last order ticket used.</summary>
    public ulong LastOrderTicket { get; init; }

    /// <summary>Last deal ticket used.</summary>
    public ulong LastDealTicket { get; init; }

    /// <summary>Sequence of the last event stored.</summary>
    public ulong LastSequence { get; init; }

    /// <summary>The latest time stamped on a stored order or deal (the engine's clock never runs earlier).</summary>
    public long LastTimeMs { get; init; }

    /// <summary>Accounts with stored orders that are not in <see cref="Orders"/> (their ids are answered from storage).</summary>
    public IReadOnlyList<long> AccountsWithUnloadedOrders { get; init; } = [];

    /// <summary>How many stored orders are not in <see cref="Orders"/> (sizes the filter of forgotten ids).</summary>
    public long UnloadedOrders { get; init; }

    /// <summary>
    /// The last known quote per symbol when the core stopped. Restored as stale: figures are computed from them
    /// (and marked STALE) until each symbol's next tick; market orders still wait for a fresh one (PRICE_OFF).
    /// </summary>
    public IReadOnlyList<Tick> LastTicks { get; init; } = [];

    /// <summary>Routed accounts: every MT5 deal ticket applied (account, MT5 deal, when applied), so none is applied twice after a restart.</summary>
    public IReadOnlyList<(long AccountId, ulong Mt5DealTicket, long TimeMs)> Mt5Deals { get; init; } = [];
}
