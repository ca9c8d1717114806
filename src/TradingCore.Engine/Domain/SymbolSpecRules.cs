namespace TradingCore.Engine.Domain;

/// <summary>
/// The ranges of a symbol specification, checked the same way for specs from the Admin API, the MT5 bridge and
/// storage. Fields are named as in trading.v1.SymbolInfo; each entry point adds its own prefix.
/// </summary>
public static class SymbolSpecRules
{
    private const string SessionsRule = "must be sessions like 'Mon 00:05-23:55; Tue 00:05-23:55' (days Sun..Sat, server time, 24:00 allowed as an end), or empty for always";

    /// <summary>Longest description, characters.</summary>
    public const int MaxDescriptionLength = 128;

    /// <summary>Every problem of <paramref name="spec"/> as (field, problem); empty when the spec is admissible.</summary>
    public static List<(string Field, string Problem)> Problems(SymbolSpec spec)
    {
        var problems = new List<(string Field, string Problem)>();
        void Add(string field, string problem) => problems.Add((field, problem));

        if (!SymbolNames.IsValid(spec.Name))
        {
            Add("name", SymbolNames.Rule);
        }

        if (spec.Description.Length > MaxDescriptionLength || spec.Description.AsSpan().ContainsAnyInRange('\0', '\u001f'))
        {
            Add("description", $"must be at most {MaxDescriptionLength} characters without control characters");
        }

        var digitsValid = spec.Digits is >= 0 and <= 8;
        if (!digitsValid)
        {
            Add("digits", "must be 0..8");
        }

        if (spec.TickSize < ValueRanges.MinTickSize || spec.TickSize > ValueRanges.MaxPrice)
        {
            Add("tick_size", "must be from 0.00000001 to 1000000000");
        }
        else if (digitsValid && !DecimalMath.IsMultipleOf(spec.TickSize, DecimalMath.Pow10Negative(spec.Digits)))
        {
            Add("tick_size", "must be a multiple of the point (10^-digits)");
        }

        if (spec.TickValue < 0m || spec.TickValue > ValueRanges.MaxTickValue || !ValueRanges.FitsDecimals(spec.TickValue))
        {
            Add("tick_value", "must be 0 to 1000000000");
        }

        if (spec.ContractSize <= 0m || spec.ContractSize > ValueRanges.MaxContractSize || !ValueRanges.FitsDecimals(spec.ContractSize))
        {
            Add("contract_size", "must be positive and at most 100000000");
        }

        Volume(spec.VolumeMin, "volume_min");
        Volume(spec.VolumeMax, "volume_max");
        Volume(spec.VolumeStep, "volume_step");
        if (spec.VolumeMax < spec.VolumeMin)
        {
            Add("volume_max", "must not be below volume_min");
        }

        if (spec.VolumeLimit < 0m || spec.VolumeLimit > ValueRanges.MaxVolume || !ValueRanges.FitsDecimals(spec.VolumeLimit))
        {
            Add("volume_limit", "must be 0 (no limit) to 100000000 lots");
        }

        if (spec.StopsLevel is < 0 or > ValueRanges.MaxLevelPoints)
        {
            Add("stops_level", $"must be 0..{ValueRanges.MaxLevelPoints} points");
        }

        if (spec.FreezeLevel is < 0 or > ValueRanges.MaxLevelPoints)
        {
            Add("freeze_level", $"must be 0..{ValueRanges.MaxLevelPoints} points");
        }

        Currency(spec.CurrencyBase, "currency_base");
        Currency(spec.CurrencyProfit, "currency_profit");
        Currency(spec.CurrencyMargin, "currency_margin");
        if (spec.MarginRate <= 0m || spec.MarginRate > ValueRanges.MaxMarginRate || !ValueRanges.FitsDecimals(spec.MarginRate))
        {
            Add("margin_rate", "must be positive and at most 1000");
        }

        if (spec.MarginInitial < 0m || spec.MarginInitial > ValueRanges.MaxMoney || !ValueRanges.FitsDecimals(spec.MarginInitial))
        {
            Add("margin_initial", "must be 0 to 1000000000000000");
        }

        // Money per covered lot with an initial margin, else a contract size for covered volume: never more than a
        // lot's own contract size, so a covered lot never costs more than an uncovered one in the formulas' ranges.
        if (spec.MarginHedged is { } hedged && (hedged < 0m || hedged > (spec.MarginInitial != 0m ? ValueRanges.MaxMoney : spec.ContractSize) || !ValueRanges.FitsDecimals(hedged)))
        {
            Add("margin_hedged", spec.MarginInitial != 0m ? "must be 0 to 1000000000000000 (money per covered lot)" : "must be 0 to contract_size");
        }

        if (spec.TradeSessions.Length > 1024 || TradeSession.ParseList(spec.TradeSessions) is null)
        {
            Add("trade_sessions", SessionsRule);
        }

        if (spec.QuoteSessions.Length > 1024 || TradeSession.ParseList(spec.QuoteSessions) is null)
        {
            Add("quote_sessions", SessionsRule);
        }

        if (!Enum.IsDefined(spec.SwapMode))
        {
            Add("swap_mode", "is not a known swap mode");
        }

        if (!ValueRanges.IsMoney(spec.SwapLong) || !ValueRanges.IsMoney(spec.SwapShort))
        {
            Add(ValueRanges.IsMoney(spec.SwapLong) ? "swap_short" : "swap_long", ValueRanges.MoneyRule);
        }

        if (spec.SwapRollover3Days is < DayOfWeek.Sunday or > DayOfWeek.Saturday)
        {
            Add("swap_rollover3days", "must be 0 (Sunday) to 6 (Saturday)");
        }

        if (spec.ServerUtcOffsetMinutes is < -1440 or > 1440)
        {
            Add("server_utc_offset_minutes", "must be -1440..1440 (a day either way)");
        }

        if (problems.Count == 0)
        {
            LotValue(spec, Add);
        }

        return problems;

        void Volume(decimal value, string field)
        {
            if (!ValueRanges.IsVolume(value))
            {
                Add(field, ValueRanges.VolumeRule);
            }
        }

        void Currency(string value, string field)
        {
            if (value.Length is < 2 or > 8 || !value.All(char.IsAsciiLetterUpper))
            {
                Add(field, "must be 2-8 upper-case letters");
            }
        }
    }

    /// <summary>
    /// One lot at the highest admitted price must be worth at most <see cref="ValueRanges.MaxLotValue"/> in margin
    /// and in profit over a full-range move; otherwise an order of the largest volume could not be computed.
    /// </summary>
    private static void LotValue(SymbolSpec spec, Action<string, string> add)
    {
        var margin = Bounded(() => PositionMath.Margin(spec, leverage: 1, volume: 1m, marketPrice: ValueRanges.MaxPrice));
        var profit = Bounded(() => spec.CalcMode is SymbolCalcMode.Futures or SymbolCalcMode.ExchangeFutures
            ? ValueRanges.MaxPrice / spec.TickSize * spec.TickValue
            : ValueRanges.MaxPrice * spec.ContractSize);
        if (margin > ValueRanges.MaxLotValue)
        {
            add(MarginField(spec.CalcMode), "one lot's margin at the highest admitted price (1000000000) would exceed 1000000000000000: lower contract_size, margin_rate, margin_initial or tick_value/tick_size");
        }

        if (profit > ValueRanges.MaxLotValue)
        {
            add(spec.CalcMode is SymbolCalcMode.Futures or SymbolCalcMode.ExchangeFutures ? "tick_value" : "contract_size",
                "one lot's profit over a price move of 1000000000 would exceed 1000000000000000: lower contract_size or tick_value/tick_size");
        }
    }

    /// <summary>The value, or decimal.MaxValue when it is too large to compute at all.</summary>
    private static decimal Bounded(Func<decimal> compute)
    {
        try
        {
            return compute();
        }
        catch (OverflowException)
        {
            return decimal.MaxValue;
        }
    }

    private static string MarginField(SymbolCalcMode mode) => mode switch
    {
        SymbolCalcMode.Futures or SymbolCalcMode.ExchangeFutures => "margin_initial",
        SymbolCalcMode.CfdIndex => "tick_value",
        _ => "contract_size",
    };
}
