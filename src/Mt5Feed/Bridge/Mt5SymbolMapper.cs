using TradingCore.Engine.Domain;

namespace TradingCore.Mt5Feed.Bridge;

/// <summary>Maps MT5 SYMBOL_* properties (MT5's own enum numbers and bit masks) to a <see cref="SymbolSpec"/>.</summary>
internal static class Mt5SymbolMapper
{
    public static SymbolSpec ToSpec(BridgeFields fields)
    {
        var digits = (int)fields.Integer("digits", 0, 8);
        return new SymbolSpec
        {
            Name = fields.Text("name", 32),
            Description = fields.OptionalText("description"),
            Digits = digits,
            TickSize = fields.Decimal("tick_size", positive: true),
            TickValue = fields.Decimal("tick_value"),
            ContractSize = fields.Decimal("contract_size", positive: true),
            VolumeMin = fields.Decimal("volume_min", positive: true),
            VolumeMax = fields.Decimal("volume_max", positive: true),
            VolumeStep = fields.Decimal("volume_step", positive: true),
            VolumeLimit = fields.Decimal("volume_limit"),
            StopsLevel = (int)fields.Integer("stops_level", 0, 100_000),
            FreezeLevel = (int)fields.Integer("freeze_level", 0, 100_000),
            TradeMode = (SymbolTradeMode)(fields.Integer("trade_mode", 0, 4) + 1),
            ExecutionMode = (SymbolExecutionMode)(fields.Integer("exe_mode", 0, 3) + 1),
            FillingModes = (FillingModes)fields.Integer("filling_mode", 0, 7),
            ExpirationModes = (ExpirationModes)fields.Integer("expiration_mode", 1, 15),
            OrderModes = (OrderModes)fields.Integer("order_mode", 1, 127),
            CalcMode = CalcMode(fields),
            CurrencyBase = fields.Text("currency_base", 8),
            CurrencyProfit = fields.Text("currency_profit", 8),
            CurrencyMargin = fields.Text("currency_margin", 8),
            MarginInitial = fields.Decimal("margin_initial"),
            MarginHedged = fields.OptionalDecimal("margin_hedged"),
            MarginHedgedUseLeg = fields.OptionalFlag("margin_hedged_use_leg"),
            TradeSessions = fields.OptionalText("trade_sessions", 1024),
            QuoteSessions = fields.OptionalText("quote_sessions", 1024),
            SwapMode = SwapModeOf(fields),
            SwapLong = fields.OptionalSignedDecimal("swap_long") ?? 0m,
            SwapShort = fields.OptionalSignedDecimal("swap_short") ?? 0m,
            SwapRollover3Days = fields.Has("swap_rollover3days") ? (DayOfWeek)fields.Integer("swap_rollover3days", 0, 6) : DayOfWeek.Wednesday,
        };
    }

    /// <summary>MT5 ENUM_SYMBOL_SWAP_MODE numbers, 9 taken as CURRENCY_PROFIT (absent: no swap).</summary>
    private static SwapMode SwapModeOf(BridgeFields fields)
    {
        if (!fields.Has("swap_mode"))
        {
            return SwapMode.Disabled;
        }

        switch (fields.Integer("swap_mode", 0, 9))
        {
            case 0: return SwapMode.Disabled;
            case 1: return SwapMode.Points;
            case 2: return SwapMode.CurrencySymbol;
            case 3: return SwapMode.CurrencyMargin;
            case 4: return SwapMode.CurrencyDeposit;
            case 5: return SwapMode.InterestCurrent;
            case 6: return SwapMode.InterestOpen;
            case 7: return SwapMode.ReopenCurrent;
            case 8: return SwapMode.ReopenBid;
            default: return SwapMode.CurrencyProfit;
        }
    }

    /// <summary>MT5 ENUM_SYMBOL_CALC_MODE numbers; exchange options and bonds are not supported.</summary>
    private static SymbolCalcMode CalcMode(BridgeFields fields)
    {
        switch (fields.Integer("calc_mode", 0, 64))
        {
            case 0: return SymbolCalcMode.Forex;
            case 1: return SymbolCalcMode.Futures;
            case 2: return SymbolCalcMode.Cfd;
            case 3: return SymbolCalcMode.CfdIndex;
            case 4: return SymbolCalcMode.CfdLeverage;
            case 5: return SymbolCalcMode.ForexNoLeverage;
            case 32: return SymbolCalcMode.ExchangeStocks;
            case 33: return SymbolCalcMode.ExchangeFutures;
            default:
                fields.Reject("calc_mode", "this calc mode is not supported (options, bonds, collateral)");
                return SymbolCalcMode.Forex;
        }
    }
}
