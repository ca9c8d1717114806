using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TradingCore.Contracts.V1;
using static TradingCore.Testing.Wire;

namespace TradingCore.Tests;

/// <summary>Operators switch an account's trading state and limits through configuration, also at runtime.</summary>
public sealed class AccountControlTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HaltedByConfiguration_RefusesOrdersUntilConfigurationActivatesIt()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path, settings: new Dictionary<string, string>
        {
            ["TradingCore:AccountControl:1001:TradingState"] = "Halted",
            ["TradingCore:AccountControl:1001:Limits:MaxOrderVolume"] = "0.5",
        });
        await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);

        var halted = await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.10m, "h1"), cancellationToken: Token);
        Assert.Equal(TradeRetcode.TradeDisabled, halted.Result.Retcode);
        var account = (await server.Accounts.GetAccountAsync(new GetAccountRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token)).Account;
        Assert.Equal(AccountTradingState.Halted, account.TradingState);
        Assert.Equal(0.5m, account.Limits.MaxOrderVolume.ToDecimal());

        var configuration = (IConfigurationRoot)server.Services.GetRequiredService<IConfiguration>();
        configuration["TradingCore:AccountControl:1001:TradingState"] = "Active";
        configuration.Reload();

        await Eventually(async () => (await server.Accounts.GetAccountAsync(new GetAccountRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token)).Account.TradingState == AccountTradingState.Active);
        Assert.Equal(TradeRetcode.Done, (await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.10m, "h2"), cancellationToken: Token)).Result.Retcode);
        Assert.Equal(TradeRetcode.LimitVolume, (await server.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.60m, "h3"), cancellationToken: Token)).Result.Retcode);
    }

    [Fact]
    public async Task LimitsAndState_SurviveARestart()
    {
        using var data = new TempDirectory();
        await using (var server = new CoreServer(data.Path, settings: new Dictionary<string, string>
        {
            ["TradingCore:AccountControl:1001:TradingState"] = "Reducing",
            ["TradingCore:AccountControl:1001:Limits:MaxOrdersPerSecond"] = "5",
        }))
        {
            await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        }

        await using var restarted = new CoreServer(data.Path);
        await restarted.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        var account = (await restarted.Accounts.GetAccountAsync(new GetAccountRequest { AccountId = CoreServer.DemoAccount }, cancellationToken: Token)).Account;

        Assert.Equal(AccountTradingState.Reducing, account.TradingState);
        Assert.Equal(TradeRetcode.CloseOnly, (await restarted.Orders.SubmitOrderAsync(Market(OrderType.Buy, 0.10m, "r1"), cancellationToken: Token)).Result.Retcode);
    }
}
