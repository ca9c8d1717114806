using Grpc.Core;
using TradingCore.Grpc.Validation;
using TradingCore.Mapping;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Grpc;

/// <summary>trading.v1.Accounts: live account figures computed by the engine at the moment of the call.</summary>
internal sealed class AccountsService(EngineRouter engines, Hosting.AccountPlacement placement) : Wire.Accounts.AccountsBase
{
    /// <summary>Where an account lives (TradingCore:Instances); answered from configuration, the same on every instance. Open without a token (a client asks before it logs in where).</summary>
    [Microsoft.AspNetCore.Authorization.AllowAnonymous]
    public override Task<Wire.LocateAccountResponse> LocateAccount(Wire.LocateAccountRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors();
        var accountId = WireReader.AccountId(request.AccountId, errors);
        errors.ThrowIfAny();
        var owner = placement.Owner(accountId);
        var response = new Wire.LocateAccountResponse
        {
            AccountId = accountId,
            Instance = owner?.Name ?? placement.Self?.Name ?? "",
            Here = placement.ForeignOwner(accountId) is null,
        };
        response.Endpoints.AddRange((owner ?? placement.Self)?.EndpointList ?? []);
        return Task.FromResult(response);
    }

    public override async Task<Wire.GetAccountResponse> GetAccount(Wire.GetAccountRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors();
        var accountId = WireReader.AccountId(request.AccountId, errors);
        errors.ThrowIfAny();
        var snapshot = await engines.For(accountId).QueryAsync((core, nowMs) => core.GetAccount(accountId, nowMs), context.CancellationToken)
            ?? throw Outcomes.NotFound($"account {accountId} does not exist");
        return new Wire.GetAccountResponse { Account = AccountMapper.ToProto(snapshot) };
    }

    /// <summary>The accounts the caller's key may read: its own, or every account for an admin key.</summary>
    public override async Task<Wire.ListAccountsResponse> ListAccounts(Wire.ListAccountsRequest request, ServerCallContext context)
    {
        var caller = Security.Caller.Of(context);
        var accounts = await engines.Live.QueryAsync((core, nowMs) => core.ListAccounts(nowMs), context.CancellationToken);
        var response = new Wire.ListAccountsResponse();
        response.Accounts.AddRange(accounts.Where(account => caller.CanRead(account.Account.AccountId)).Select(AccountMapper.ToProto));
        return response;
    }
}
