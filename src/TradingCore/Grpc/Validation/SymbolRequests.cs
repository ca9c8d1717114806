using TradingCore.Engine.Domain;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Grpc.Validation;

/// <summary>Validates a symbol specification sent by an administrator and maps it to the engine's form.</summary>
internal static class SymbolRequests
{
    /// <summary>
    /// Reads the wire form (shape: well-formed decimals, known enums), then applies the ranges every entry point
    /// shares (<see cref="SymbolSpecRules"/>), each violation named as spec.field.
    /// </summary>
    public static SymbolSpec Spec(Wire.SymbolInfo? info)
    {
        var errors = new FieldErrors();
        if (info is null)
        {
            throw FieldErrors.Single("spec", "is required");
        }

        var calcMode = WireReader.Enum(info.CalcMode, errors, "spec.calc_mode", allowUnspecified: false);
        var isFutures = calcMode is Wire.SymbolCalcMode.Futures or Wire.SymbolCalcMode.ExchFutures;
        var spec = new SymbolSpec
        {
            Name = info.Name,
            Description = info.Description,
            Digits = info.Digits,
            TickSize = WireReader.Required(info.TickSize, errors, "spec.tick_size"),
            TickValue = isFutures ? WireReader.Required(info.TickValue, errors, "spec.tick_value") : WireReader.Optional(info.TickValue, errors, "spec.tick_value", positive: false) ?? 0m,
            ContractSize = WireReader.Required(info.ContractSize, errors, "spec.contract_size"),
            VolumeMin = WireReader.Required(info.VolumeMin, errors, "spec.volume_min"),
            VolumeMax = WireReader.Required(info.VolumeMax, errors, "spec.volume_max"),
            VolumeStep = WireReader.Required(info.VolumeStep, errors, "spec.volume_step"),
            VolumeLimit = WireReader.Optional(info.VolumeLimit, errors, "spec.volume_limit", positive: false) ?? 0m,
            StopsLevel = info.StopsLevel,
            FreezeLevel = info.FreezeLevel,
            TradeMode = (SymbolTradeMode)(int)WireReader.Enum(info.TradeMode, errors, "spec.trade_mode", allowUnspecified: false),
            ExecutionMode = (SymbolExecutionMode)(int)WireReader.Enum(info.ExecutionMode, errors, "spec.execution_mode", allowUnspecified: false),
            FillingModes = Fillings(info, errors),
            ExpirationModes = Expirations(info, errors),
            OrderModes = OrderKinds(info, errors),
            CalcMode = (SymbolCalcMode)(int)calcMode,
            CurrencyBase = info.CurrencyBase,
            CurrencyProfit = info.CurrencyProfit,
            CurrencyMargin = info.CurrencyMargin,
            MarginRate = info.MarginRate is null ? 1m : WireReader.Required(info.MarginRate, errors, "spec.margin_rate"),
            MarginInitial = isFutures ? WireReader.Required(info.MarginInitial, errors, "spec.margin_initial") : WireReader.Optional(info.MarginInitial, errors, "spec.margin_initial", positive: false) ?? 0m,
            MarginHedged = WireReader.Optional(info.MarginHedged, errors, "spec.margin_hedged", positive: false),
            MarginHedgedUseLeg = info.MarginHedgedUseLeg,
            TradeSessions = info.TradeSessions,
            QuoteSessions = info.QuoteSessions,
            ServerUtcOffsetMinutes = info.ServerUtcOffsetMinutes,
            SwapMode = WireReader.Enum(info.SwapMode, errors, "spec.swap_mode", allowUnspecified: true) is var swapMode and not Wire.SwapMode.Unspecified ? (SwapMode)(int)swapMode : SwapMode.Disabled,
            SwapLong = WireReader.Optional(info.SwapLong, errors, "spec.swap_long", positive: false) ?? 0m,
            SwapShort = WireReader.Optional(info.SwapShort, errors, "spec.swap_short", positive: false) ?? 0m,
            SwapRollover3Days = info.HasSwapRollover3Days ? (info.SwapRollover3Days is >= 0 and <= 6 ? (DayOfWeek)info.SwapRollover3Days : Invalid(errors, "spec.swap_rollover3days", "must be 0 (Sunday) to 6 (Saturday)", DayOfWeek.Wednesday)) : DayOfWeek.Wednesday,
        };
        foreach (var (field, problem) in SymbolSpecRules.Problems(spec))
        {
            if (!errors.Has("spec." + field))
            {
                errors.Add("spec." + field, problem);
            }
        }

        errors.ThrowIfAny();
        return spec;
    }

    private static FillingModes Fillings(Wire.SymbolInfo info, FieldErrors errors)
    {
        var modes = FillingModes.None;
        foreach (var filling in info.FillingModes)
        {
            modes |= filling switch
            {
                Wire.OrderFilling.Fok => FillingModes.Fok,
                Wire.OrderFilling.Ioc => FillingModes.Ioc,
                Wire.OrderFilling.Boc => FillingModes.Boc,
                Wire.OrderFilling.Return => FillingModes.None, // RETURN follows the execution mode
                _ => Fail(errors, "spec.filling_modes", $"unknown value {(int)filling}", FillingModes.None),
            };
        }

        return modes;
    }

    private static ExpirationModes Expirations(Wire.SymbolInfo info, FieldErrors errors)
    {
        var modes = ExpirationModes.None;
        foreach (var time in info.ExpirationModes)
        {
            modes |= time switch
            {
                Wire.OrderTimeType.Gtc => ExpirationModes.Gtc,
                Wire.OrderTimeType.Day => ExpirationModes.Day,
                Wire.OrderTimeType.Specified => ExpirationModes.Specified,
                Wire.OrderTimeType.SpecifiedDay => ExpirationModes.SpecifiedDay,
                _ => Fail(errors, "spec.expiration_modes", $"unknown value {(int)time}", ExpirationModes.None),
            };
        }

        return modes == ExpirationModes.None ? Fail(errors, "spec.expiration_modes", "must allow at least one lifetime", modes) : modes;
    }

    private static OrderModes OrderKinds(Wire.SymbolInfo info, FieldErrors errors)
    {
        var modes = OrderModes.None;
        foreach (var kind in info.OrderModes)
        {
            modes |= kind switch
            {
                Wire.SymbolOrderMode.Market => OrderModes.Market,
                Wire.SymbolOrderMode.Limit => OrderModes.Limit,
                Wire.SymbolOrderMode.Stop => OrderModes.Stop,
                Wire.SymbolOrderMode.StopLimit => OrderModes.StopLimit,
                Wire.SymbolOrderMode.Sl => OrderModes.StopLoss,
                Wire.SymbolOrderMode.Tp => OrderModes.TakeProfit,
                Wire.SymbolOrderMode.CloseBy => OrderModes.CloseBy,
                _ => Fail(errors, "spec.order_modes", $"unknown value {(int)kind}", OrderModes.None),
            };
        }

        return modes == OrderModes.None ? Fail(errors, "spec.order_modes", "must allow at least one order kind", modes) : modes;
    }

    private static T Fail<T>(FieldErrors errors, string field, string description, T fallback)
    {
        errors.Add(field, description);
        return fallback;
    }

    private static T Invalid<T>(FieldErrors errors, string field, string description, T fallback)
    {
        errors.Add(field, description);
        return fallback;
    }
}
