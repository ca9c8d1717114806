using TradingCore.Engine.Events;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Mapping;

/// <summary>Engine events to wire events (also the journal's stored form).</summary>
internal static class TradeEventMapper
{
    public const int KindOrder = 1;
    public const int KindDeal = 2;
    public const int KindPosition = 3;
    public const int KindAccount = 4;

    public static Wire.TradeEvent ToProto(EngineEvent engineEvent)
    {
        var message = new Wire.TradeEvent
        {
            Sequence = engineEvent.Sequence,
            AccountId = engineEvent.AccountId,
            TimeMs = engineEvent.TimeMs,
        };
        switch (engineEvent)
        {
            case OrderEvent order:
                message.Order = OrderMapper.ToProto(order.Order);
                break;
            case DealEvent deal:
                message.Deal = DealMapper.ToProto(deal.Deal);
                break;
            case PositionEvent position:
                message.Position = new Wire.PositionUpdate
                {
                    Position = PositionMapper.ToProto(position.Position, null, null),
                    Closed = position.Closed,
                };
                break;
            case AccountEvent account:
                message.Account = new Wire.AccountUpdate { Account = AccountMapper.ToProto(account.Snapshot) };
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(engineEvent), engineEvent.GetType().Name, "unknown engine event");
        }

        return message;
    }

    public static int KindOf(EngineEvent engineEvent) => engineEvent switch
    {
        OrderEvent => KindOrder,
        DealEvent => KindDeal,
        PositionEvent => KindPosition,
        _ => KindAccount,
    };
}
