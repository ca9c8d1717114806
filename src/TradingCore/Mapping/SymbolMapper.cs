using TradingCore.Engine.Domain;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Mapping;

/// <summary>Symbol specifications to the wire.</summary>
internal static class SymbolMapper
{
    public static Wire.SymbolInfo ToProto(SymbolSpec spec)
    {
        var info = new Wire.SymbolInfo
        {
            Name = spec.Name,
            Description = spec.Description,
            Digits = spec.Digits,
            Point = Wire.Decimal.FromDecimal(spec.Point),
            TickSize = Wire.Decimal.FromDecimal(spec.TickSize),
            ContractSize = Wire.Decimal.FromDecimal(spec.ContractSize),
            VolumeMin = Wire.Decimal.FromDecimal(spec.VolumeMin),
            VolumeMax = Wire.Decimal.FromDecimal(spec.VolumeMax),
            VolumeStep = Wire.Decimal.FromDecimal(spec.VolumeStep),
            VolumeLimit = Wire.Decimal.FromDecimal(spec.VolumeLimit),
            StopsLevel = spec.StopsLevel,
            FreezeLevel = spec.FreezeLevel,
            TradeMode = (Wire.SymbolTradeMode)(int)spec.TradeMode,
            ExecutionMode = (Wire.SymbolExecutionMode)(int)spec.ExecutionMode,
            CalcMode = (Wire.SymbolCalcMode)(int)spec.CalcMode,
            CurrencyBase = spec.CurrencyBase,
            CurrencyProfit = spec.CurrencyProfit,
            CurrencyMargin = spec.CurrencyMargin,
            MarginRate = Wire.Decimal.FromDecimal(spec.MarginRate),
            TickValue = Wire.Decimal.FromDecimal(spec.TickValue),
            MarginInitial = Wire.Decimal.FromDecimal(spec.MarginInitial),
            MarginHedged = spec.MarginHedged is { } hedged ? Wire.Decimal.FromDecimal(hedged) : null,
            MarginHedgedUseLeg = spec.MarginHedgedUseLeg,
            TradeSessions = spec.TradeSessions,
            QuoteSessions = spec.QuoteSessions,
            ServerUtcOffsetMinutes = spec.ServerUtcOffsetMinutes,
            SwapMode = (Wire.SwapMode)(int)spec.SwapMode,
            SwapLong = Wire.Decimal.FromDecimal(spec.SwapLong),
            SwapShort = Wire.Decimal.FromDecimal(spec.SwapShort),
            SwapRollover3Days = (int)spec.SwapRollover3Days,
        };
        foreach (var filling in Enum.GetValues<OrderFilling>())
        {
            if (spec.AllowsFilling(filling, isMarketOrder: false) || spec.AllowsFilling(filling, isMarketOrder: true))
            {
                info.FillingModes.Add((Wire.OrderFilling)(int)filling);
            }
        }

        foreach (var (bit, timeType) in ExpirationBits)
        {
            if ((spec.ExpirationModes & bit) != 0)
            {
                info.ExpirationModes.Add(timeType);
            }
        }

        foreach (var (bit, mode) in OrderModeBits)
        {
            if ((spec.OrderModes & bit) != 0)
            {
                info.OrderModes.Add(mode);
            }
        }

        return info;
    }

    private static readonly (ExpirationModes Bit, Wire.OrderTimeType TimeType)[] ExpirationBits =
    [
        (ExpirationModes.Gtc, Wire.OrderTimeType.Gtc),
        (ExpirationModes.Day, Wire.OrderTimeType.Day),
        (ExpirationModes.Specified, Wire.OrderTimeType.Specified),
        (ExpirationModes.SpecifiedDay, Wire.OrderTimeType.SpecifiedDay),
    ];

    private static readonly (OrderModes Bit, Wire.SymbolOrderMode Mode)[] OrderModeBits =
    [
        (OrderModes.Market, Wire.SymbolOrderMode.Market),
        (OrderModes.Limit, Wire.SymbolOrderMode.Limit),
        (OrderModes.Stop, Wire.SymbolOrderMode.Stop),
        (OrderModes.StopLimit, Wire.SymbolOrderMode.StopLimit),
        (OrderModes.StopLoss, Wire.SymbolOrderMode.Sl),
        (OrderModes.TakeProfit, Wire.SymbolOrderMode.Tp),
        (OrderModes.CloseBy, Wire.SymbolOrderMode.CloseBy),
    ];
}
