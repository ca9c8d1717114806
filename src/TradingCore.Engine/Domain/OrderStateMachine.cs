namespace TradingCore.Engine.Domain;

/// <summary>
/// The order lifecycle. Every state change in the engine goes through <see cref="Transition"/> or <see cref="Checked"/>, so an illegal
/// change (reviving a filled order, cancelling a rejected one) cannot happen silently: it is a programming error
/// and throws.
/// <code>
///   Started ──► Placed ──► Partial ──► Filled
///      │          │  ▲        │
///      │          │  └─ RequestModify / RequestCancel (in flight; for routed venues)
///      │          ├──► Canceled, Expired, Rejected (activation refused), Filled
///      ├──► Filled (market order), Rejected
///   RequestAdd ──► Placed | Partial | Filled | Rejected | Unknown (routed: the terminal went away)
///   Unknown ──► Placed | Partial | Filled | Rejected | Canceled | Expired (MT5's outcome, found by reconciliation)
/// </code>
/// Filled, Canceled, Rejected and Expired are terminal.
/// </summary>
public static class OrderStateMachine
{
    /// <summary>Whether an order may move from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool CanTransition(OrderState from, OrderState to) => from switch
    {
        OrderState.Started => to is OrderState.RequestAdd or OrderState.Placed or OrderState.Partial or OrderState.Filled or OrderState.Rejected,
        OrderState.RequestAdd => to is OrderState.Placed or OrderState.Partial or OrderState.Filled or OrderState.Rejected or OrderState.Unknown,
        OrderState.Unknown => to is OrderState.Placed or OrderState.Partial or OrderState.Filled or OrderState.Rejected or OrderState.Canceled
            or OrderState.Expired or OrderState.Unknown,
        OrderState.Placed => to is OrderState.Placed or OrderState.Partial or OrderState.Filled or OrderState.Canceled
            or OrderState.Expired or OrderState.Rejected or OrderState.RequestModify or OrderState.RequestCancel,
        OrderState.Partial => to is OrderState.Partial or OrderState.Filled or OrderState.Canceled or OrderState.Expired
            or OrderState.RequestModify or OrderState.RequestCancel or OrderState.Unknown,
        OrderState.RequestModify => to is OrderState.Placed or OrderState.Partial or OrderState.Filled or OrderState.Canceled,
        OrderState.RequestCancel => to is OrderState.Canceled or OrderState.Placed or OrderState.Partial or OrderState.Filled,
        _ => false,
    };

    /// <summary>Whether no further change is possible.</summary>
    public static bool IsTerminal(OrderState state) =>
        state is OrderState.Filled or OrderState.Canceled or OrderState.Rejected or OrderState.Expired;

    /// <summary>Returns the order in state <paramref name="to"/>; throws on an illegal transition.</summary>
    public static Order Transition(Order order, OrderState to) => order with { State = Checked(order, to) };

    /// <summary>
    /// <paramref name="to"/>, when the order may move there; throws on an illegal transition. For a change of more
    /// than the state in one copy of the order: <c>order with { State = Checked(order, to), ... }</c>.
    /// </summary>
    public static OrderState Checked(Order order, OrderState to) =>
        CanTransition(order.State, to)
            ? to
            : throw new InvalidOperationException($"order {order.Ticket}: illegal transition {order.State} -> {to}");
}
