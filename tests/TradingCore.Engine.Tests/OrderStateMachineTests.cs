using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Tests;

public sealed class OrderStateMachineTests
{
    /// <summary>The lifecycle, written out: every allowed (from, to) pair; everything else is illegal.</summary>
    private static readonly HashSet<(OrderState From, OrderState To)> Lifecycle =
    [
        (OrderState.Started, OrderState.RequestAdd), (OrderState.Started, OrderState.Placed), (OrderState.Started, OrderState.Partial),
        (OrderState.Started, OrderState.Filled), (OrderState.Started, OrderState.Rejected),
        (OrderState.RequestAdd, OrderState.Placed), (OrderState.RequestAdd, OrderState.Partial), (OrderState.RequestAdd, OrderState.Filled),
        (OrderState.RequestAdd, OrderState.Rejected),
        (OrderState.Placed, OrderState.Placed), (OrderState.Placed, OrderState.Partial), (OrderState.Placed, OrderState.Filled),
        (OrderState.Placed, OrderState.Canceled), (OrderState.Placed, OrderState.Expired), (OrderState.Placed, OrderState.Rejected),
        (OrderState.Placed, OrderState.RequestModify), (OrderState.Placed, OrderState.RequestCancel),
        (OrderState.Partial, OrderState.Partial), (OrderState.Partial, OrderState.Filled), (OrderState.Partial, OrderState.Canceled),
        (OrderState.Partial, OrderState.Expired), (OrderState.Partial, OrderState.RequestModify), (OrderState.Partial, OrderState.RequestCancel),
        (OrderState.RequestModify, OrderState.Placed), (OrderState.RequestModify, OrderState.Partial), (OrderState.RequestModify, OrderState.Filled),
        (OrderState.RequestModify, OrderState.Canceled),
        (OrderState.RequestCancel, OrderState.Canceled), (OrderState.RequestCancel, OrderState.Placed), (OrderState.RequestCancel, OrderState.Partial),
        (OrderState.RequestCancel, OrderState.Filled),

        // Routed orders whose terminal went away: UNKNOWN until MT5's outcome is known.
        (OrderState.RequestAdd, OrderState.Unknown), (OrderState.Partial, OrderState.Unknown),
        (OrderState.Unknown, OrderState.Partial), (OrderState.Unknown, OrderState.Filled), (OrderState.Unknown, OrderState.Rejected),
        (OrderState.Unknown, OrderState.Canceled), (OrderState.Unknown, OrderState.Unknown), (OrderState.Unknown, OrderState.Placed),
        (OrderState.Unknown, OrderState.Expired),
    ];

    public static TheoryData<OrderState, OrderState> Allowed
    {
        get
        {
            var data = new TheoryData<OrderState, OrderState>();
            foreach (var (from, to) in Lifecycle)
            {
                data.Add(from, to);
            }

            return data;
        }
    }

    public static TheoryData<OrderState, OrderState> Illegal
    {
        get
        {
            var data = new TheoryData<OrderState, OrderState>();
            foreach (var from in Enum.GetValues<OrderState>())
            {
                foreach (var to in Enum.GetValues<OrderState>())
                {
                    if (!Lifecycle.Contains((from, to)))
                    {
                        data.Add(from, to);
                    }
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Allowed))]
    public void Transition_Allowed_Succeeds(OrderState from, OrderState to)
    {
        var order = Order(from);

        Assert.Equal(to, OrderStateMachine.Transition(order, to).State);
    }

    [Theory]
    [InlineData(OrderState.Filled)]
    [InlineData(OrderState.Canceled)]
    [InlineData(OrderState.Rejected)]
    [InlineData(OrderState.Expired)]
    public void Transition_FromTerminalState_AlwaysThrows(OrderState terminal)
    {
        Assert.True(OrderStateMachine.IsTerminal(terminal));
        foreach (var to in Enum.GetValues<OrderState>())
        {
            Assert.False(OrderStateMachine.CanTransition(terminal, to));
            Assert.Throws<InvalidOperationException>(() => OrderStateMachine.Transition(Order(terminal), to));
        }
    }

    [Theory]
    [MemberData(nameof(Illegal))]
    public void Transition_EveryPairOutsideTheLifecycle_Throws(OrderState from, OrderState to)
    {
        Assert.False(OrderStateMachine.CanTransition(from, to));
        Assert.Throws<InvalidOperationException>(() => OrderStateMachine.Transition(Order(from), to));
    }

    private static Order Order(OrderState state) => new()
    {
        Ticket = 1,
        AccountId = 1,
        ClientOrderId = "x",
        Symbol = "EURUSD",
        Type = OrderType.BuyLimit,
        State = state,
        VolumeInitial = 1m,
        VolumeCurrent = 1m,
        Filling = OrderFilling.Return,
        TimeType = OrderTimeType.Gtc,
        TimeSetupMs = 0,
        RequestFingerprint = "",
    };
}
