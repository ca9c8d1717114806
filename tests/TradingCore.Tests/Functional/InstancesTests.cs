using Grpc.Core;
using Grpc.Net.Client;
using TradingCore.Contracts.V1;
using static TradingCore.Testing.Wire;

namespace TradingCore.Tests;

/// <summary>
/// Accounts spread over two instances on loopback (TradingCore:Instances): each serves only its range, refuses the
/// other's accounts naming the owner, numbers new accounts within its range, and LocateAccount (open without a
/// token, the same answer everywhere) leads a client to the instance that serves an account.
/// </summary>
public sealed class InstancesTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoInstances_EachServesItsOwnAccounts_AndLocateAccountLeadsAClientToTheOwner()
    {
        using var dataA = new TempDirectory();
        using var dataB = new TempDirectory();
        var (portA, portB) = (CoreServer.FreePort(), CoreServer.FreePort());
        await using var a = new CoreServer(dataA.Path, settings: Members("core-a", portA, portB), kestrel: true, grpcPort: portA);
        await using var b = new CoreServer(dataB.Path, settings: Members("core-b", portA, portB), kestrel: true, grpcPort: portB);
        var adminB = new Admin.AdminClient(await b.InvokerForAsync(b.AdminKey));
        var accountsA = new Accounts.AccountsClient(await a.InvokerForAsync(a.AdminKey));
        var accountsB = new Accounts.AccountsClient(await b.InvokerForAsync(b.AdminKey));

        // Anonymous discovery: any instance answers for any account.
        var anonymousA = new Accounts.AccountsClient(a.Channel);
        var anonymousB = new Accounts.AccountsClient(b.Channel);
        var fromA = await anonymousA.LocateAccountAsync(new LocateAccountRequest { AccountId = 2_500 }, cancellationToken: Token);
        var fromB = await anonymousB.LocateAccountAsync(new LocateAccountRequest { AccountId = 2_500 }, cancellationToken: Token);
        var demo = await anonymousB.LocateAccountAsync(new LocateAccountRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token);

        // Each instance refuses the other's accounts, naming the owner; it numbers new accounts in its own range.
        var foreignRead = await Assert.ThrowsAsync<RpcException>(() => accountsA.GetAccountAsync(new GetAccountRequest { AccountId = 2_000 }, cancellationToken: Token).ResponseAsync);
        var created = await adminB.CreateAccountAsync(new CreateAccountRequest { Name = "b-1", Currency = "USD", Leverage = 100, MarginMode = MarginMode.RetailNetting, Balance = D(1_000m) }, cancellationToken: Token);
        var foreignCreate = await Assert.ThrowsAsync<RpcException>(() => adminB.CreateAccountAsync(new CreateAccountRequest { AccountId = 1_500, Name = "x", Currency = "USD", Leverage = 100, MarginMode = MarginMode.RetailNetting, Balance = D(1m) }, cancellationToken: Token).ResponseAsync);
        var listedOnB = await accountsB.ListAccountsAsync(new ListAccountsRequest(), cancellationToken: Token);
        var foreignKey = await Assert.ThrowsAsync<RpcException>(() => adminB.IssueApiKeyAsync(new IssueApiKeyRequest { Name = "x", Roles = { Role.Trader }, AccountIds = { CoreServer.DemoAccount } }, cancellationToken: Token).ResponseAsync);
        var issued = await adminB.IssueApiKeyAsync(new IssueApiKeyRequest { Name = "bot on b", Roles = { Role.Trader }, AccountIds = { 2_000 } }, cancellationToken: Token);
        var traderB = new Orders.OrdersClient(await b.InvokerForAsync(new Credentials.Key(issued.Key.KeyId, issued.Secret)));
        using var session = traderB.TradeSession(cancellationToken: Token);
        await session.RequestStream.WriteAsync(new TradeSessionRequest { RequestId = 1, Open = new TradeSessionOpen { AccountId = CoreServer.DemoAccount } }, Token);
        var foreignSession = await Assert.ThrowsAsync<RpcException>(() => session.ResponseStream.MoveNext(Token));
        var demoOnA = await a.Accounts.GetAccountAsync(new GetAccountRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token);

        // A client that only knows instance A finds account 2000 on B and reads it there.
        var location = await anonymousA.LocateAccountAsync(new LocateAccountRequest { AccountId = created.Account.AccountId }, cancellationToken: Token);
        using var owner = GrpcChannel.ForAddress(location.Endpoints.Single());
        var ownerAdmin = Credentials.WithToken(owner.CreateCallInvoker(), await Credentials.LoginAsync(owner.CreateCallInvoker(), b.AdminKey));
        var found = await new Accounts.AccountsClient(ownerAdmin).GetAccountAsync(new GetAccountRequest { AccountId = created.Account.AccountId }, cancellationToken: Token);

        Assert.Equal(("core-b", false), (fromA.Instance, fromA.Here));
        Assert.Equal(($"http://127.0.0.1:{portB}", "core-b", true), (fromB.Endpoints.Single(), fromB.Instance, fromB.Here));
        Assert.Equal(("core-a", false, $"http://127.0.0.1:{portA}"), (demo.Instance, demo.Here, demo.Endpoints.Single()));
        Assert.Equal(StatusCode.FailedPrecondition, foreignRead.StatusCode);
        Assert.Contains("belongs to instance core-b", foreignRead.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(2_000, created.Account.AccountId);
        Assert.Equal(StatusCode.FailedPrecondition, foreignCreate.StatusCode);
        Assert.Contains("core-a", foreignCreate.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.FailedPrecondition, foreignSession.StatusCode);
        Assert.Equal(StatusCode.FailedPrecondition, foreignKey.StatusCode);
        Assert.Equal([2_000L], listedOnB.Accounts.Select(account => account.AccountId)); // no demo account on B: it is A's
        Assert.Equal(CoreServer.DemoAccount, demoOnA.Account.AccountId);
        Assert.Equal(1_000m, found.Account.Balance.ToDecimal());
    }

    private static Dictionary<string, string> Members(string self, int portA, int portB) => new()
    {
        ["TradingCore:Instances:Self"] = self,
        ["TradingCore:Instances:Members:0:Name"] = "core-a",
        ["TradingCore:Instances:Members:0:Endpoints"] = $"http://127.0.0.1:{portA}",
        ["TradingCore:Instances:Members:0:FirstAccount"] = "1000",
        ["TradingCore:Instances:Members:0:LastAccount"] = "1999",
        ["TradingCore:Instances:Members:1:Name"] = "core-b",
        ["TradingCore:Instances:Members:1:Endpoints"] = $"http://127.0.0.1:{portB}",
        ["TradingCore:Instances:Members:1:FirstAccount"] = "2000",
        ["TradingCore:Instances:Members:1:LastAccount"] = "2999",
    };
}
