using TradingCore.Engine.Domain;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Grpc.Validation;

/// <summary>Validates a symbol specification sent by an administrator and maps it to the engine's form.</summary>
internal static class SymbolRequests
{
    public static SymbolSpec Spec(Wire.SymbolInfo? info)
    {
        var errors = new FieldErrors();
        if (info is null)
        {
            throw FieldErrors.Single("spec", "is required");
        }

        if (string.IsNullOrEmpty(info.Name) || info.Name.Length > WireReader.MaxSymbolLength || !info.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '#' or '-'))
        {
            errors.Add("spec.name", $"is required: 1-{WireReader.MaxSymbolLength} characters of A-Z a-z 0-9 . _ # -");
        }

        if (info.Digits is < 0 or > 8)
        {
            errors.Add("spec.digits", "must be 0..8");
        }

        var tickSize = WireReader.Required(info.TickSize, errors, "spec.tick_size");
        if (info.Digits is >= 0 and <= 8 && tickSize > 0m && !DecimalMath.IsMultipleOf(tickSize, DecimalMath.Pow10Negative(info.Digits)))
        {
            errors.Add("spec.tick_size", "must be a multiple of the point (10^-digits)");
        }

        var volumeMin = WireReader.Required(info.VolumeMin, errors, "spec.volume_min");
        var volumeMax = WireReader.Required(info.VolumeMax, errors, "spec.volume_max");
        if (volumeMax > 0m && volumeMax < volumeMin)
        {
            errors.Add("spec.volume_max", "must not be below volume_min");
        }

        var calcMode = WireReader.Enum(info.CalcMode, errors, "spec.calc_mode", allowUnspecified: false);
        var isFutures = calcMode is Wire.SymbolCalcMode.Futures or Wire.SymbolCalcMode.ExchFutures;
        var spec = new SymbolSpec
        {
            Name = info.Name,
            Description = info.Description.Length <= 128 ? info.Description : Fail(errors, "spec.description", "must be at most 128 characters"),
            Digits = info.Digits,
            TickSize = tickSize,
            TickValue = isFutures ? WireReader.Required(info.TickValue, errors, "spec.tick_value") : WireReader.Optional(info.TickValue, errors, "spec.tick_value", positive: false) ?? 0m,
            ContractSize = WireReader.Required(info.ContractSize, errors, "spec.contract_size"),
            VolumeMin = volumeMin,
            VolumeMax = volumeMax,
            VolumeStep = WireReader.Required(info.VolumeStep, errors, "spec.volume_step"),
            VolumeLimit = NonNegative(WireReader.Optional(info.VolumeLimit, errors, "spec.volume_limit", positive: false), errors, "spec.volume_limit"),
            StopsLevel = info.StopsLevel >= 0 ? info.StopsLevel : Fail(errors, "spec.stops_level", "must not be negative", 0),
            FreezeLevel = info.FreezeLevel >= 0 ? info.FreezeLevel : Fail(errors, "spec.freeze_level", "must not be negative", 0),
            TradeMode = (SymbolTradeMode)(int)WireReader.Enum(info.TradeMode, errors, "spec.trade_mode", allowUnspecified: false),
            ExecutionMode = (SymbolExecutionMode)(int)WireReader.Enum(info.ExecutionMode, errors, "spec.execution_mode", allowUnspecified: false),
            FillingModes = Fillings(info, errors),
            ExpirationModes = Expirations(info, errors),
            OrderModes = OrderKinds(info, errors),
            CalcMode = (SymbolCalcMode)(int)calcMode,
            CurrencyBase = Currency(info.CurrencyBase, errors, "spec.currency_base"),
            CurrencyProfit = Currency(info.CurrencyProfit, errors, "spec.currency_profit"),
            CurrencyMargin = Currency(info.CurrencyMargin, errors, "spec.currency_margin"),
            MarginRate = info.MarginRate is null ? 1m : WireReader.Required(info.MarginRate, errors, "spec.margin_rate"),
            MarginInitial = isFutures ? WireReader.Required(info.MarginInitial, errors, "spec.margin_initial") : NonNegative(WireReader.Optional(info.MarginInitial, errors, "spec.margin_initial", positive: false), errors, "spec.margin_initial"),
        };
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

    private static string Currency(string value, FieldErrors errors, string field) =>
        value.Length is >= 2 and <= 8 && value.All(char.IsAsciiLetterUpper) ? value : Fail(errors, field, "must be 2-8 upper-case letters", value);

    private static decimal NonNegative(decimal? value, FieldErrors errors, string field) =>
        value is < 0m ? Fail(errors, field, "must not be negative", 0m) : value ?? 0m;

    private static T Fail<T>(FieldErrors errors, string field, string description, T fallback)
    {
        errors.Add(field, description);
        return fallback;
    }

    private static string Fail(FieldErrors errors, string field, string description) => Fail(errors, field, description, "");
}
