using TradingCore.Engine.Core;
using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Rules;

/// <summary>The checks of changes to what already exists: freeze levels of orders and positions, and a close's target.</summary>
internal static partial class OrderRules
{
    /// <summary>Freeze level: a pending order whose price is this close to the market cannot be changed.</summary>
    public static Rejection? Frozen(SymbolBook symbol, Order order)
    {
        var spec = symbol.Spec;
        if (spec.FreezeLevel <= 0 || !symbol.HasTick || order.PriceOpen is not { } price)
        {
            return null;
        }

        var tick = symbol.LastTick;
        var distance = order.Type switch
        {
            OrderType.BuyLimit => tick.Ask - price,
            OrderType.SellLimit => price - tick.Bid,
            OrderType.BuyStop or OrderType.BuyStopLimit => price - tick.Ask,
            _ => tick.Bid - price,
        };
        return distance <= spec.FreezeLevel * spec.Point
            ? new(TradeRetcode.Frozen, $"order {order.Ticket} is within the freeze level of {spec.FreezeLevel} points and cannot be changed")
            : null;
    }

    /// <summary>Freeze level for positions: SL or TP this close to the market freezes the position.</summary>
    public static Rejection? Frozen(SymbolBook symbol, Position position)
    {
        var spec = symbol.Spec;
        if (spec.FreezeLevel <= 0 || !symbol.HasTick)
        {
            return null;
        }

        var freeze = spec.FreezeLevel * spec.Point;
        var market = position.IsBuy ? symbol.LastTick.Bid : symbol.LastTick.Ask;
        var slDistance = position.StopLoss is { } sl ? (position.IsBuy ? market - sl : sl - market) : decimal.MaxValue;
        var tpDistance = position.TakeProfit is { } tp ? (position.IsBuy ? tp - market : market - tp) : decimal.MaxValue;
        return slDistance <= freeze || tpDistance <= freeze
            ? new(TradeRetcode.Frozen, $"position {position.Ticket} has SL/TP within the freeze level of {spec.FreezeLevel} points")
            : null;
    }

    /// <summary>A market order naming a position must close part or all of that open, opposite position.</summary>
    public static Rejection? CloseTarget(AccountBook book, Order order, bool isBuy)
    {
        var ticket = order.PositionTicketRequested;
        if (ticket == 0)
        {
            return null;
        }

        var position = book.IsHedging ? book.Positions.GetValueOrDefault(ticket) : book.NettingPosition(order.Symbol);
        if (position is null || position.Ticket != ticket || !string.Equals(position.Symbol, order.Symbol, StringComparison.Ordinal))
        {
            return new(TradeRetcode.PositionClosed, $"position {ticket} is not open on {order.Symbol}");
        }

        if (position.IsBuy == isBuy)
        {
            return new(TradeRetcode.InvalidOrder, $"position {ticket} is a {(position.IsBuy ? "buy" : "sell")}; closing it takes the opposite side");
        }

        return order.VolumeInitial > position.Volume
            ? new(TradeRetcode.InvalidCloseVolume, $"close volume {Format(order.VolumeInitial)} exceeds position {ticket} volume {Format(position.Volume)}")
            : null;
    }
}
