using TradingCore.Engine.Accounting;
using TradingCore.Engine.Commands;
using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Core;

/// <summary>
/// Reconciliation of a routed account with MT5 (docs/mt5-routing.md): orders in flight become UNKNOWN when their
/// terminal goes away; on every (re)connect the terminal sweeps MT5's deals since <see cref="VenueSyncFromMs"/> (applied
/// once each, as ever) and lists MT5's open positions and balance, and <see cref="Reconcile"/> makes the account
/// agree: orders MT5 never executed are resolved, positions MT5 holds and the core does not (or the reverse) are opened
/// or closed by zero-profit deals marked as reconciliation, and the balance moves to MT5's by a BALANCE deal. The
/// invariants are checked afterwards: every position as MT5 holds it, the balance MT5's.
/// </summary>
public sealed partial class EngineCore
{
    /// <summary>How far before the last MT5 deal applied (or the oldest order in flight) a sweep starts: deals MT5
    /// executed while the terminal or the core was away come after it.</summary>
    public const long SyncMarginMs = 3_600_000;

    private const string ReconcileComment = "reconciliation with MT5";

    /// <summary>
    /// Where a terminal's sweep of MT5's deal history starts, UTC ms: an hour before the older of the last MT5 deal
    /// applied and the oldest order in flight; 0 (the whole history) for an account that never had an MT5 deal;
    /// -1 when no account is routed to the login.
    /// </summary>
    public long VenueSyncFromMs(long login)
    {
        if (!_routedByLogin.TryGetValue(login, out var book))
        {
            return -1;
        }

        if (book.Mt5Deals.Count == 0)
        {
            return 0;
        }

        var oldestInFlight = book.OpenOrders.Values.Select(order => order.TimeSetupMs).DefaultIfEmpty(long.MaxValue).Min();
        return Math.Max(0, Math.Min(book.LastMt5DealMs, oldestInFlight) - SyncMarginMs);
    }

    /// <summary>
    /// Makes the routed account of <see cref="VenueSync.Login"/> agree with what MT5 holds after the sweep's deals were
    /// applied. Deterministic: the same account and the same sweep give the same changes.
    /// </summary>
    public ReconcileReport Reconcile(VenueSync sync, long nowMs)
    {
        if (!_routedByLogin.TryGetValue(sync.Login, out var book))
        {
            return new ReconcileReport();
        }

        if (sync.Positions.Any(position => !_symbols.ContainsKey(position.Symbol) || !ValueRanges.IsVolume(position.Volume) || !ValueRanges.IsPrice(position.PriceOpen)
                || position.StopLoss is { } sl && !ValueRanges.IsPrice(sl) || position.TakeProfit is { } tp && !ValueRanges.IsPrice(tp))
            || !ValueRanges.IsMoney(sync.Balance))
        {
            throw new ArgumentOutOfRangeException(nameof(sync), "an MT5 position names an unknown symbol or is out of range, or the balance is (docs/api.md, value ranges)");
        }

        var resolved = ResolveInFlight(book, sync, nowMs);
        var (opened, closed) = ReconcilePositions(book, sync.Positions, nowMs);
        var adjustment = sync.Balance - book.Account.Balance;
        if (adjustment != 0m)
        {
            BookBalance(book, adjustment, ReconcileComment, nowMs);
        }

        return new ReconcileReport
        {
            Applied = true,
            OrdersResolved = resolved,
            PositionsOpened = opened,
            PositionsClosed = closed,
            BalanceAdjustment = adjustment,
            Mismatches = Mismatches(book, sync),
        };
    }

    /// <summary>The terminal went away: its orders in flight (sent, not yet fully filled) become UNKNOWN.</summary>
    private void MarkInFlightUnknown(AccountBook book, long nowMs)
    {
        foreach (var order in book.OpenOrders.Values.Where(order => order.State is OrderState.RequestAdd or OrderState.Partial).OrderBy(order => order.Ticket).ToList())
        {
            var unknown = order with
            {
                State = OrderStateMachine.Checked(order, OrderState.Unknown),
                RetcodeMessage = $"outcome unknown: the MT5 terminal of login {book.Account.Mt5Login} went away with the order in flight; reconciliation decides",
            };
            ReplaceOrder(book, unknown);
            EmitOrder(unknown, isNew: false, nowMs);
        }
    }

    /// <summary>
    /// Routed orders MT5 has not answered within <see cref="EngineOptions.RoutingTimeoutMs"/> become UNKNOWN, as if
    /// their terminal had gone away (the router asks the terminal to sweep). Walks the routed accounts' working orders
    /// only (few).
    /// </summary>
    private void TimeOutRouted(long nowMs)
    {
        // Runs on every tick: no allocation unless an order is due (a LINQ filter here allocated its closure per
        // tick, 4.6 MB/s under a tick flood; docs/benchmarks.md).
        foreach (var book in _routedByLogin.Values)
        {
            List<Order>? due = null;
            foreach (var order in book.OpenOrders.Values)
            {
                if (order.State == OrderState.RequestAdd && order.Mt5OrderTicket == 0 && order.TimeSetupMs + _options.RoutingTimeoutMs <= nowMs)
                {
                    (due ??= []).Add(order);
                }
            }

            if (due is null)
            {
                continue;
            }

            due.Sort(static (left, right) => left.Ticket.CompareTo(right.Ticket));
            foreach (var order in due)
            {
                var unknown = order with
                {
                    State = OrderStateMachine.Checked(order, OrderState.Unknown),
                    RetcodeMessage = $"outcome unknown: MT5 gave no result within {_options.RoutingTimeoutMs} ms; reconciliation decides",
                };
                ReplaceOrder(book, unknown);
                EmitOrder(unknown, isNew: false, nowMs);
            }
        }
    }

    /// <summary>
    /// The working orders against MT5's: an order open in MT5 (by its ticket, or by its tag when its result was lost)
    /// stays, placed; one the EA holds in flight stays; any other ended unseen: one MT5 had placed is cancelled ("no
    /// longer open in MT5"), one it never executed or placed is rejected (10012), the rest of a partly filled one is
    /// cancelled.
    /// </summary>
    private int ResolveInFlight(AccountBook book, VenueSync sync, long nowMs)
    {
        var resolved = 0;
        var open = sync.OpenOrders.Select(order => order.Mt5OrderTicket).ToHashSet();
        var tagged = sync.OpenOrders.Where(order => order.OrderTicket != 0).GroupBy(order => order.OrderTicket).ToDictionary(group => group.Key, group => group.First().Mt5OrderTicket);
        foreach (var order in book.OpenOrders.Values.OrderBy(order => order.Ticket).ToList())
        {
            if (order.Mt5OrderTicket != 0 && open.Contains(order.Mt5OrderTicket))
            {
                continue;
            }

            if (!order.IsMarket && tagged.TryGetValue(order.Ticket, out var mt5Ticket))
            {
                ApplyVenueOrderState(sync.Login, mt5Ticket, order.Ticket, OrderState.Placed, nowMs);
                continue;
            }

            if (sync.InFlight.Contains(order.Ticket))
            {
                continue;
            }

            var filled = order.VolumeCurrent < order.VolumeInitial;
            var wasPlaced = !order.IsMarket && order.Mt5OrderTicket != 0;
            var ended = order with
            {
                State = OrderStateMachine.Checked(order, filled || wasPlaced ? OrderState.Canceled : OrderState.Rejected),
                Retcode = wasPlaced ? order.Retcode : TradeRetcode.Timeout,
                RetcodeMessage = wasPlaced ? "no longer open in MT5 (reconciliation): cancelled"
                    : filled ? "MT5 holds nothing more of the order (reconciliation): the rest is cancelled"
                    : "not found in MT5 (reconciliation): never executed",
                TimeDoneMs = nowMs,
            };
            book.PendingChanges.Remove(order.Ticket);
            book.Mt5Orders.Remove(ended.Mt5OrderTicket);
            RetireOrder(book, ended);
            EmitOrder(ended, isNew: false, nowMs);
            resolved++;
        }

        return resolved;
    }

    /// <summary>
    /// Closes every position that MT5 does not hold as the core does, then opens every MT5 position the core lacks,
    /// each by a zero-profit deal at MT5's open price marked as reconciliation (the realized money of what happened
    /// unseen arrives with the balance adjustment).
    /// </summary>
    private (int Opened, int Closed) ReconcilePositions(AccountBook book, IReadOnlyList<VenuePosition> positions, long nowMs)
    {
        var mt5 = positions.GroupBy(position => position.Mt5PositionId).ToDictionary(group => group.Key, group => group.First());
        var closed = 0;
        foreach (var position in book.Positions.Values.OrderBy(position => position.Ticket).ToList())
        {
            if (mt5.TryGetValue(position.Mt5PositionId, out var held) && position.Mt5PositionId != 0
                && held.Symbol == position.Symbol && held.IsBuy == position.IsBuy && held.Volume == position.Volume)
            {
                mt5.Remove(position.Mt5PositionId);
                ApplyVenuePositionStops(book.Account.Mt5Login, held.Mt5PositionId, held.StopLoss, held.TakeProfit, nowMs); // stops changed unseen
                continue;
            }

            var order = ExternalOrder(book, ReconcileDeal(position.Mt5PositionId, position.Symbol, !position.IsBuy, position.Volume, position.PriceOpen), nowMs)
                with { PositionTicketRequested = book.IsHedging ? position.Ticket : 0 };
            ApplyDeal(book, order, !position.IsBuy, position.Volume, position.PriceOpen, TradeReason.Client, NextDealTicket(), default, nowMs, ReconcileDeal(position.Mt5PositionId, position.Symbol, !position.IsBuy, position.Volume, position.PriceOpen));
            closed++;
        }

        var opened = 0;
        foreach (var held in mt5.Values.OrderBy(position => position.Mt5PositionId))
        {
            var deal = ReconcileDeal(held.Mt5PositionId, held.Symbol, held.IsBuy, held.Volume, held.PriceOpen);
            ApplyDeal(book, ExternalOrder(book, deal, nowMs), held.IsBuy, held.Volume, held.PriceOpen, TradeReason.Client, NextDealTicket(), default(DealMoney), nowMs, deal);
            opened++;
        }

        if (opened + closed > 0)
        {
            UpdateMarginCall(book, nowMs);
        }

        return (opened, closed);
    }

    private static VenueDeal ReconcileDeal(ulong mt5PositionId, string symbol, bool isBuy, decimal volume, decimal price) => new()
    {
        Login = 0,
        Mt5DealTicket = 0,
        Symbol = symbol,
        IsBuy = isBuy,
        Volume = volume,
        Price = price,
        Mt5PositionId = mt5PositionId,
        Reason = TradeReason.Client,
        Comment = ReconcileComment,
    };

    /// <summary>The invariants after a reconciliation: every position as MT5 holds it, and the balance MT5's.</summary>
    private static int Mismatches(AccountBook book, VenueSync sync)
    {
        var core = book.Positions.Values.Select(position => (position.Mt5PositionId, position.Symbol, position.IsBuy, position.Volume)).Order().ToList();
        var mt5 = sync.Positions.Select(position => (position.Mt5PositionId, position.Symbol, position.IsBuy, position.Volume)).Distinct().Order().ToList();
        var mismatches = core.Except(mt5).Count() + mt5.Except(core).Count();
        return mismatches + (book.Account.Balance == sync.Balance ? 0 : 1);
    }
}
