using TradingCore.Contracts.V1;

namespace TradingCore.Client.Tests;

/// <summary>The one human naming of enums and times (tcctl, client messages, samples, log lines).</summary>
public sealed class ContractNamesTests
{
    [Fact]
    public void Enums_ReadAsTheirProtobufNameWithoutPrefix()
    {
        Assert.Equal("BUY_LIMIT", ContractNames.Short(OrderType.BuyLimit));
        Assert.Equal("TRADER", ContractNames.Short(Role.Trader));
        Assert.Equal("RETAIL_HEDGING", ContractNames.Short(MarginMode.RetailHedging));
        Assert.Equal("MN1", ContractNames.Short(Timeframe.Mn1));
        Assert.Equal("NO_MONEY", ContractNames.Short(TradeRetcode.NoMoney));
        Assert.Equal("NO_MONEY (10019) not enough money", new TradeOutcome(new TradeResult { Retcode = TradeRetcode.NoMoney, Message = "not enough money" }, order: null).ToString());
    }

    [Theory]
    [InlineData("trader")]
    [InlineData("TRADER")]
    [InlineData("ROLE_TRADER")]
    [InlineData("Trader")]
    [InlineData("role-trader")]
    public void EverySpelling_IsRead(string text)
    {
        Assert.True(ContractNames.TryParse<Role>(text, out var role));
        Assert.Equal(Role.Trader, role);
    }

    [Theory]
    [InlineData("")]
    [InlineData("UNSPECIFIED")]
    [InlineData("ROLE_UNSPECIFIED")]
    [InlineData("boss")]
    public void UnspecifiedAndUnknown_AreNotRead(string text) => Assert.False(ContractNames.TryParse<Role>(text, out _));

    [Fact]
    public void Times_AreIso8601Utc_WithMilliseconds()
    {
        Assert.Equal("2026-12-05T13:22:16.042Z", ContractNames.Time(new DateTimeOffset(2026, 12, 5, 14, 22, 16, 42, TimeSpan.FromHours(1)).ToUnixTimeMilliseconds()));
        Assert.Equal("", ContractNames.Time(0));
        Assert.Equal(["VIEWER", "TRADER", "ADMIN"], ContractNames.Values<Role>());
    }
}
