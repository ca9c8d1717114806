using TradingCore.Engine.Domain;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Mapping;

/// <summary>Accounts to the wire.</summary>
internal static class AccountMapper
{
    public static Wire.Account ToProto(AccountSnapshot snapshot)
    {
        var account = snapshot.Account;
        return new Wire.Account
        {
            AccountId = account.AccountId,
            Name = account.Name,
            Currency = account.Currency,
            Leverage = account.Leverage,
            MarginMode = (Wire.MarginMode)(int)account.MarginMode,
            TradingState = (Wire.AccountTradingState)(int)account.TradingState,
            Balance = Wire.Decimal.FromDecimal(account.Balance),
            Credit = Wire.Decimal.FromDecimal(account.Credit),
            Equity = Wire.Decimal.FromDecimal(snapshot.Equity),
            Profit = Wire.Decimal.FromDecimal(snapshot.Profit),
            Margin = Wire.Decimal.FromDecimal(snapshot.Margin),
            FreeMargin = Wire.Decimal.FromDecimal(snapshot.FreeMargin),
            MarginLevel = Wire.Decimal.FromDecimal(snapshot.MarginLevel),
            MarginCallLevel = Wire.Decimal.FromDecimal(account.MarginCallLevel),
            StopOutLevel = Wire.Decimal.FromDecimal(account.StopOutLevel),
            TimeMs = snapshot.TimeMs,
            Closed = account.Closed,
            Limits = new Wire.AccountLimits
            {
                MaxOrderVolume = Wire.Decimal.FromDecimal(account.Limits.MaxOrderVolume),
                MaxPositionVolume = Wire.Decimal.FromDecimal(account.Limits.MaxPositionVolume),
                MaxOpenOrders = account.Limits.MaxOpenOrders,
                MaxOrdersPerSecond = account.Limits.MaxOrdersPerSecond,
            },
        };
    }
}
