using TradingCore.Engine.Commands;
using TradingCore.Engine.Domain;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Grpc.Validation;

/// <summary>
/// Validates Admin's account requests at the edge (every problem named by its field, INVALID_ARGUMENT) and maps them
/// to engine commands. What depends on the account's state (closing with positions, a withdrawal beyond the free
/// margin) is the engine's to refuse.
/// </summary>
internal static class AccountRequests
{
    private const int MaxNameLength = 128;

    /// <summary>A new account; account id 0 asks for the next free number.</summary>
    public static Account Create(Wire.CreateAccountRequest request)
    {
        var errors = new FieldErrors();
        if (request.AccountId != 0 && !ValueRanges.IsAccountId(request.AccountId))
        {
            errors.Add("account_id", "must be 0 (the next free number) or " + ValueRanges.AccountIdRule["must be ".Length..]);
        }
        else if (Backtesting.BacktestAccounts.Is(request.AccountId))
        {
            errors.Add("account_id", $"is reserved for backtest accounts (from {Backtesting.BacktestAccounts.FirstId} on)");
        }

        var account = new Account
        {
            AccountId = request.AccountId,
            Name = Name(request.Name, errors),
            Currency = request.Currency.Length == 3 && request.Currency.All(char.IsAsciiLetterUpper) ? request.Currency : Invalid(errors, "currency", "must be three upper-case letters", "USD"),
            Leverage = Leverage(request.Leverage, errors),
            MarginMode = (MarginMode)(int)WireReader.Enum(request.MarginMode, errors, "margin_mode", allowUnspecified: false),
            Balance = WireReader.Money(request.Balance, errors, "balance", nonNegative: true) ?? 0m,
            Limits = Limits(request.Limits, errors),
        };
        var mode = WireReader.Enum(request.StopOutMode, errors, "stop_out_mode", allowUnspecified: true) is Wire.StopOutMode.Money ? StopOutMode.Money : StopOutMode.Percent;
        var (marginCall, stopOut) = Levels(mode, request.MarginCallLevel, request.StopOutLevel, errors, defaults: mode == StopOutMode.Percent);
        var commissions = Commissions(request.Commissions, errors, "commissions");
        var (venue, login) = Venue(request.Venue, request.Mt5Login, errors) ?? (AccountVenue.Internal, 0L);
        errors.ThrowIfAny();
        return account with { StopOutMode = mode, MarginCallLevel = marginCall, StopOutLevel = stopOut, Commissions = commissions, Venue = venue, Mt5Login = login };
    }

    /// <summary>At most this many commission rules per account.</summary>
    private const int MaxCommissionRules = 64;

    /// <summary>A commission schedule: each rule's mask, enums and a non-negative amount (percent at most 100).</summary>
    private static List<CommissionRule> Commissions(IReadOnlyList<Wire.CommissionRule> rules, FieldErrors errors, string field)
    {
        if (rules.Count > MaxCommissionRules)
        {
            errors.Add(field, $"at most {MaxCommissionRules} rules");
            return [];
        }

        var schedule = new List<CommissionRule>(rules.Count);
        for (var index = 0; index < rules.Count; index++)
        {
            var rule = rules[index];
            var at = $"{field}[{index}].";
            var symbols = rule.Symbols.Length == 0 ? "*" : rule.Symbols;
            if (symbols.Length > 32 || !symbols.All(c => char.IsAsciiLetterOrDigit(c) || c is '*' or '.' or '_' or '-' or '#'))
            {
                errors.Add(at + "symbols", "must be a symbol name or a mask with *, at most 32 of A-Z a-z 0-9 . _ - #");
            }

            var basis = WireReader.Enum(rule.Basis, errors, at + "basis", allowUnspecified: true);
            var amount = WireReader.Money(rule.Amount, errors, at + "amount", nonNegative: true) ?? 0m;
            if (basis == Wire.CommissionBasis.Percent && amount > 100m)
            {
                errors.Add(at + "amount", "a percent of turnover must be at most 100");
            }

            schedule.Add(new CommissionRule
            {
                Symbols = symbols,
                Kind = WireReader.Enum(rule.Kind, errors, at + "kind", allowUnspecified: true) is Wire.CommissionKind.Fee ? CommissionKind.Fee : CommissionKind.Commission,
                Basis = basis switch { Wire.CommissionBasis.PerDeal => CommissionBasis.PerDeal, Wire.CommissionBasis.Percent => CommissionBasis.Percent, _ => CommissionBasis.PerLot },
                Amount = amount,
                Currency = WireReader.Enum(rule.Currency, errors, at + "currency", allowUnspecified: true) is var currency and not Wire.CommissionCurrency.Unspecified ? (CommissionCurrency)(int)currency : CommissionCurrency.Deposit,
                Entry = WireReader.Enum(rule.Entry, errors, at + "entry", allowUnspecified: true) is var entry and not Wire.CommissionEntry.Unspecified ? (CommissionEntry)(int)entry : CommissionEntry.Both,
            });
        }

        return schedule;
    }

    /// <summary>
    /// Margin-call and stop-out levels in their mode: percent levels above 0 and at most 100000 (defaults 100 and
    /// 50 when <paramref name="defaults"/>), money levels 0 to 10^15 and required; the margin call at least the stop-out.
    /// </summary>
    private static (decimal MarginCall, decimal StopOut) Levels(StopOutMode mode, Wire.Decimal? marginCallLevel, Wire.Decimal? stopOutLevel, FieldErrors errors, bool defaults)
    {
        var marginCall = Level(mode, marginCallLevel, defaults ? 100m : null, errors, "margin_call_level");
        var stopOut = Level(mode, stopOutLevel, defaults ? 50m : null, errors, "stop_out_level");
        if (!errors.Has("margin_call_level") && !errors.Has("stop_out_level") && marginCall < stopOut)
        {
            errors.Add("margin_call_level", "must be at least stop_out_level (a margin call warns before the stop-out)");
        }

        return (marginCall, stopOut);
    }

    private static decimal Level(StopOutMode mode, Wire.Decimal? value, decimal? fallback, FieldErrors errors, string field)
    {
        if (value is null && fallback is { } given)
        {
            return given;
        }

        if (mode == StopOutMode.Money)
        {
            return value is null
                ? Invalid(errors, field, "is required in money mode (equity in the account currency)", 0m)
                : WireReader.Money(value, errors, field, nonNegative: true) ?? 0m;
        }

        var percent = WireReader.Required(value, errors, field);
        return errors.Has(field) || (percent > 0m && percent <= ValueRanges.MaxLevelPercent) ? percent : Invalid(errors, field, "must be a percentage above 0 and at most 100000", 50m);
    }

    /// <summary>The account and the fields to change (null: unchanged).</summary>
    public static (long AccountId, AccountUpdate Update) Update(Wire.UpdateAccountRequest request)
    {
        var errors = new FieldErrors();
        var accountId = WireReader.AccountId(request.AccountId, errors);
        var update = new AccountUpdate
        {
            Name = request.HasName ? Name(request.Name, errors) : null,
            Leverage = request.HasLeverage ? Leverage(request.Leverage, errors) : null,
            MarginMode = WireReader.Enum(request.MarginMode, errors, "margin_mode", allowUnspecified: true) is var mode and not Wire.MarginMode.Unspecified ? (MarginMode)(int)mode : null,
            Limits = request.Limits is null ? null : Limits(request.Limits, errors),
            TradingState = WireReader.Enum(request.TradingState, errors, "trading_state", allowUnspecified: true) is var state and not Wire.AccountTradingState.Unspecified ? (AccountTradingState)(int)state : null,
        };
        var modeGiven = WireReader.Enum(request.StopOutMode, errors, "stop_out_mode", allowUnspecified: true);
        if (modeGiven != Wire.StopOutMode.Unspecified || request.MarginCallLevel is not null || request.StopOutLevel is not null)
        {
            if (modeGiven == Wire.StopOutMode.Unspecified)
            {
                errors.Add("stop_out_mode", "is required with new levels (set stop_out_mode, margin_call_level and stop_out_level together)");
            }

            var levelsMode = modeGiven == Wire.StopOutMode.Money ? StopOutMode.Money : StopOutMode.Percent;
            var (marginCall, stopOut) = Levels(levelsMode, request.MarginCallLevel, request.StopOutLevel, errors, defaults: false);
            update = update with { Levels = (levelsMode, marginCall, stopOut) };
        }

        if (request.Commissions is { } replacement)
        {
            update = update with { Commissions = Commissions(replacement.Rules, errors, "commissions.rules") };
        }

        if (Venue(request.Venue, request.Mt5Login, errors) is { } venue)
        {
            update = update with { Venue = venue };
        }
        else if (request.Mt5Login != 0)
        {
            errors.Add("mt5_login", "is read only with venue (set venue MT5 and mt5_login together)");
        }

        errors.ThrowIfAny();
        return (accountId, update);
    }

    /// <summary>
    /// A venue with its login, or null when the venue is unspecified: MT5 needs a positive login (an MT5 account
    /// number), INTERNAL has none.
    /// </summary>
    private static (AccountVenue Venue, long Mt5Login)? Venue(Wire.AccountVenue venue, long login, FieldErrors errors)
    {
        switch (WireReader.Enum(venue, errors, "venue", allowUnspecified: true))
        {
            case Wire.AccountVenue.Mt5 when login <= 0:
                errors.Add("mt5_login", "must be a positive MT5 login (account number) with venue MT5");
                return null;
            case Wire.AccountVenue.Mt5:
                return (AccountVenue.Mt5, login);
            case Wire.AccountVenue.Internal when login != 0:
                errors.Add("mt5_login", "must be 0 with venue INTERNAL (only an MT5-routed account has an MT5 login)");
                return null;
            case Wire.AccountVenue.Internal:
                return (AccountVenue.Internal, 0L);
            default:
                return null;
        }
    }

    /// <summary>A deposit (positive) or withdrawal (negative), never zero, with its comment.</summary>
    public static (long AccountId, decimal Amount, string Comment) ChangeBalance(Wire.ChangeBalanceRequest request)
    {
        var errors = new FieldErrors();
        var accountId = WireReader.AccountId(request.AccountId, errors);
        if (request.Amount is null)
        {
            errors.Add("amount", "is required");
        }

        var amount = WireReader.Money(request.Amount, errors, "amount", nonNegative: false) ?? 0m;
        if (request.Amount is not null && amount == 0m && !errors.Has("amount"))
        {
            errors.Add("amount", "must not be zero");
        }

        var comment = WireReader.Comment(request.Comment, errors);
        errors.ThrowIfAny();
        return (accountId, amount, comment);
    }

    /// <summary>A display name (an account's or an API key's): at most 128 characters, no control characters.</summary>
    public static string Name(string name, FieldErrors errors) =>
        name.Length <= MaxNameLength && !name.AsSpan().ContainsAnyInRange('\0', '\u001f') ? name : Invalid(errors, "name", $"must be at most {MaxNameLength} characters without control characters", "");

    private static AccountLimits Limits(Wire.AccountLimits? limits, FieldErrors errors)
    {
        if (limits is null)
        {
            return AccountLimits.None;
        }

        return new AccountLimits
        {
            MaxOrderVolume = WireReader.VolumeLimit(limits.MaxOrderVolume, errors, "limits.max_order_volume"),
            MaxPositionVolume = WireReader.VolumeLimit(limits.MaxPositionVolume, errors, "limits.max_position_volume"),
            MaxOpenOrders = limits.MaxOpenOrders >= 0 ? limits.MaxOpenOrders : Invalid(errors, "limits.max_open_orders", "must not be negative", 0),
            MaxOrdersPerSecond = limits.MaxOrdersPerSecond >= 0 ? limits.MaxOrdersPerSecond : Invalid(errors, "limits.max_orders_per_second", "must not be negative", 0),
        };
    }

    private static int Leverage(int leverage, FieldErrors errors) =>
        leverage is >= 1 and <= ValueRanges.MaxLeverage ? leverage : Invalid(errors, "leverage", $"must be 1..{ValueRanges.MaxLeverage}", 1);

    private static T Invalid<T>(FieldErrors errors, string field, string description, T fallback)
    {
        errors.Add(field, description);
        return fallback;
    }
}
