using Grpc.Core;
using TradingCore.Configuration;
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
    AuditLog audit,
    Bars.BarStore barStore,
    TimeProvider time,
    DatabaseBackup backups,
    Hosting.AccountPlacement placement) : Wire.Admin.AdminBase
{

    public override async Task<Wire.CreateAccountResponse> CreateAccount(Wire.CreateAccountRequest request, ServerCallContext context)
    {
        var account = AccountRequests.Create(request);
        var (created, refusal) = await engine.ExecuteAsync(
            (core, nowMs) =>
            {
                // Number 0: the next free one, within this instance's range when accounts are spread over instances.
                var numbered = account.AccountId != 0 ? account
                    : account with { AccountId = placement.Self is { } self ? core.NextAccountId(self.FirstAccount, self.LastAccount) : core.NextAccountId() };
                if (core.VenueRefusal(numbered.AccountId, numbered.Venue, numbered.Mt5Login) is { } refused)
                {
                    return (null, refused);
                }

                return (core.CreateAccount(numbered, nowMs) ? core.GetAccount(numbered.AccountId, nowMs) : null, (string?)null);
            },
            context.CancellationToken);
        if (refusal is not null)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, refusal));
        }

        if (created is null)
        {
            throw new RpcException(new Status(StatusCode.AlreadyExists, $"account {account.AccountId} already exists"));
        }

        var wire = AccountMapper.ToProto(created);
        audit.Write(Caller.Of(context).KeyId, nameof(CreateAccount), $"account:{wire.AccountId}", null, wire);
        return new Wire.CreateAccountResponse { Account = wire };
    }

    public override async Task<Wire.UpdateAccountResponse> UpdateAccount(Wire.UpdateAccountRequest request, ServerCallContext context)
    {
        var (accountId, update) = AccountRequests.Update(request);
        var before = await AccountAsync(accountId, context);
        var outcome = await engine.ExecuteAsync((core, nowMs) => core.UpdateAccount(accountId, update, nowMs), context.CancellationToken);
        var after = AccountMapper.ToProto(Applied(outcome));
        audit.Write(Caller.Of(context).KeyId, nameof(UpdateAccount), $"account:{accountId}", before, after);
        return new Wire.UpdateAccountResponse { Account = after };
    }

    public override async Task<Wire.ChangeBalanceResponse> ChangeBalance(Wire.ChangeBalanceRequest request, ServerCallContext context)
    {
        var (accountId, amount, comment) = AccountRequests.ChangeBalance(request);
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
        response.Entries.AddRange(rows.Select(AuditMapper.ToProto));
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
}
