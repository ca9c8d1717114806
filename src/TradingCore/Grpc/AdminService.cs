using Grpc.Core;
using TradingCore.Engine.Commands;
using TradingCore.Engine.Domain;
using TradingCore.Engine.Loop;
using TradingCore.Grpc.Validation;
using TradingCore.Hosting;
using TradingCore.Mapping;
using TradingCore.Persistence;
using TradingCore.Security;
using TradingCore.Symbols;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Grpc;

/// <summary>
/// trading.v1.Admin (admin keys only; enforced by the authorization interceptor). Account changes go through the
/// engine like any trading change; keys and symbols are stored directly. Every change is audited.
/// Refused preconditions (closing an account with positions, a withdrawal beyond the free margin, changing the
/// margin mode after trading) are FAILED_PRECONDITION.
/// </summary>
internal sealed partial class AdminService(
    ITradingEngine engine,
    ApiKeyRegistry keys,
    SymbolCatalog catalog,
    SqliteDatabase database,
    AuditLog audit,
    Bars.BarStore barStore,
    TimeProvider time,
    Microsoft.Extensions.Options.IOptions<TradingCoreOptions> options,
    Persistence.Journal.ProjectionBarrier projection) : Wire.Admin.AdminBase
{
    private const int MaxNameLength = 128;

    public override async Task<Wire.CreateAccountResponse> CreateAccount(Wire.CreateAccountRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors();
        if (request.AccountId != 0 && !ValueRanges.IsAccountId(request.AccountId))
        {
            errors.Add("account_id", "must be 0 (the next free number) or " + ValueRanges.AccountIdRule["must be ".Length..]);
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
            StopOutLevel = request.StopOutLevel is null ? 50m : Level(WireReader.Required(request.StopOutLevel, errors, "stop_out_level"), errors, "stop_out_level"),
        };
        errors.ThrowIfAny();
        var created = await engine.ExecuteAsync(
            (core, nowMs) =>
            {
                var numbered = account.AccountId == 0 ? account with { AccountId = core.NextAccountId() } : account;
                return core.CreateAccount(numbered, nowMs) ? core.GetAccount(numbered.AccountId, nowMs) : null;
            },
            context.CancellationToken) ?? throw new RpcException(new Status(StatusCode.AlreadyExists, $"account {account.AccountId} already exists"));
        var wire = AccountMapper.ToProto(created);
        audit.Write(Caller.Of(context).KeyId, nameof(CreateAccount), $"account:{wire.AccountId}", null, wire);
        return new Wire.CreateAccountResponse { Account = wire };
    }

    public override async Task<Wire.UpdateAccountResponse> UpdateAccount(Wire.UpdateAccountRequest request, ServerCallContext context)
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
        errors.ThrowIfAny();
        var before = await AccountAsync(accountId, context);
        var outcome = await engine.ExecuteAsync((core, nowMs) => core.UpdateAccount(accountId, update, nowMs), context.CancellationToken);
        var after = AccountMapper.ToProto(Applied(outcome));
        audit.Write(Caller.Of(context).KeyId, nameof(UpdateAccount), $"account:{accountId}", before, after);
        return new Wire.UpdateAccountResponse { Account = after };
    }

    public override async Task<Wire.ChangeBalanceResponse> ChangeBalance(Wire.ChangeBalanceRequest request, ServerCallContext context)
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
        var before = await AccountAsync(accountId, context);
        var outcome = await engine.ExecuteAsync((core, nowMs) => core.AdjustBalance(accountId, amount, comment, nowMs), context.CancellationToken);
        var after = AccountMapper.ToProto(Applied(outcome));
        audit.Write(Caller.Of(context).KeyId, nameof(ChangeBalance), $"account:{accountId}", before, after);
        return new Wire.ChangeBalanceResponse { Account = after, Deal = DealMapper.ToProto(outcome.Deal!) };
    }

    public override async Task<Wire.CloseAccountResponse> CloseAccount(Wire.CloseAccountRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors();
        var accountId = WireReader.AccountId(request.AccountId, errors);
        errors.ThrowIfAny();
        var before = await AccountAsync(accountId, context);
        var outcome = await engine.ExecuteAsync((core, nowMs) => core.CloseAccount(accountId, nowMs), context.CancellationToken);
        var after = AccountMapper.ToProto(Applied(outcome));
        audit.Write(Caller.Of(context).KeyId, nameof(CloseAccount), $"account:{accountId}", before, after);
        return new Wire.CloseAccountResponse { Account = after };
    }

    public override async Task<Wire.AdminListAccountsResponse> ListAccounts(Wire.AdminListAccountsRequest request, ServerCallContext context)
    {
        var accounts = await engine.QueryAsync((core, nowMs) => core.ListAccounts(nowMs), context.CancellationToken);
        var response = new Wire.AdminListAccountsResponse();
        response.Accounts.AddRange(accounts.Select(AccountMapper.ToProto));
        return response;
    }

    public override async Task<Wire.ListAuditEntriesResponse> ListAuditEntries(Wire.ListAuditEntriesRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors();
        var pageSize = PageTokens.Size(request.PageSize, errors);
        var before = PageTokens.Parse(request.PageToken, errors);
        errors.ThrowIfAny();
        var rows = await audit.ListAsync((long)before, pageSize, context.CancellationToken);
        var response = new Wire.ListAuditEntriesResponse { NextPageToken = PageTokens.Next(rows.Count, pageSize, rows.Count > 0 ? (ulong)rows[^1].Id : 0) };
        response.Entries.AddRange(rows.Select(row => new Wire.AuditEntry
        {
            Id = row.Id,
            TimeMs = row.TimeMs,
            Actor = row.Actor,
            Action = row.Action,
            Target = row.Target,
            Before = row.Before,
            After = row.After,
        }));
        return response;
    }

    private async Task<Wire.Account> AccountAsync(long accountId, ServerCallContext context) =>
        await engine.QueryAsync((core, nowMs) => core.GetAccount(accountId, nowMs), context.CancellationToken) is { } snapshot
            ? AccountMapper.ToProto(snapshot)
            : throw Outcomes.NotFound($"account {accountId} does not exist");

    /// <summary>The account after an administration command, or the status its refusal maps to.</summary>
    private static AccountSnapshot Applied(AdminOutcome outcome) => outcome switch
    {
        { NotFound: true } => throw Outcomes.NotFound(outcome.Refusal!),
        { Refusal: { } reason } => throw new RpcException(new Status(StatusCode.FailedPrecondition, reason)),
        _ => outcome.Account!,
    };

    private static string Name(string name, FieldErrors errors) =>
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

    private static decimal Level(decimal percent, FieldErrors errors, string field) =>
        errors.Has(field) || (percent > 0m && percent <= ValueRanges.MaxLevelPercent) ? percent : Invalid(errors, field, "must be a percentage above 0 and at most 100000", 50m);

    private static T Invalid<T>(FieldErrors errors, string field, string description, T fallback)
    {
        errors.Add(field, description);
        return fallback;
    }
}
