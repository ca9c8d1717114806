using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Tests;

public sealed class OrderStateMachineTests
{
    public static TheoryData<OrderState, OrderState> Allowed => new()
    {
        { OrderState.Started, OrderState.Placed },
        { OrderState.Started, OrderState.Filled },
        { OrderState.Started, OrderState.Rejected },
        { OrderState.Started, OrderState.RequestAdd },
        { OrderState.RequestAdd, OrderState.Placed },
        { OrderState.RequestAdd, OrderState.Rejected },
        { OrderState.Placed, OrderState.Placed },
        { OrderState.Placed, OrderState.Partial },
        { OrderState.Placed, OrderState.Filled },
        { OrderState.Placed, OrderState.Canceled },
        { OrderState.Placed, OrderState.Expired },
        { OrderState.Placed, OrderState.Rejected },
        { OrderState.Placed, OrderState.RequestModify },
        { OrderState.Placed, OrderState.RequestCancel },
        { OrderState.Partial, OrderState.Filled },
        { OrderState.Partial, OrderState.Canceled },
        { OrderState.Partial, OrderState.Expired },
        { OrderState.RequestModify, OrderState.Placed },
        { OrderState.RequestCancel, OrderState.Canceled },
        { OrderState.RequestCancel, OrderState.Placed },
    };

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
    [InlineData(OrderState.Started, OrderState.Canceled)]
    [InlineData(OrderState.Started, OrderState.Expired)]
    [InlineData(OrderState.Partial, OrderState.Placed)]
    [InlineData(OrderState.Partial, OrderState.Rejected)]
    [InlineData(OrderState.RequestAdd, OrderState.Canceled)]
    public void Transition_NotInTheLifecycle_Throws(OrderState from, OrderState to)
    {
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
