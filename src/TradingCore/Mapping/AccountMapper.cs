using TradingCore.Engine.Domain;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Mapping;

/// <summary>Accounts to the wire.</summary>
internal static class AccountMapper
{
    public static Wire.Account ToProto(AccountSnapshot snapshot)
    {
        var account = snapshot.Account;
        var wire = new Wire.Account
        {
            AccountId = account.AccountId,
            Name = account.Name,
            Currency = account.Currency,
            Leverage = account.Leverage,
            MarginMode = (Wire.MarginMode)(int)account.MarginMode,
            TradingState = (Wire.AccountTradingState)(int)account.TradingState,
            Balance = Wire.Decimal.FromDecimal(account.Balance),
            Credit = Wire.Decimal.FromDecimal(account.Credit),
            Equity = Priced(snapshot, snapshot.Equity),
            Profit = Priced(snapshot, snapshot.Profit),
            Margin = Priced(snapshot, snapshot.Margin),
            FreeMargin = Priced(snapshot, snapshot.FreeMargin),
            MarginLevel = Priced(snapshot, snapshot.MarginLevel),
            PriceState = PriceStateOf(snapshot.Pricing),
            Venue = (Wire.AccountVenue)(int)account.Venue,
            Mt5Login = account.Mt5Login,
            VenueState = snapshot.VenueState is { } venueState ? (Wire.VenueState)(int)venueState : Wire.VenueState.Unspecified,
            MarginCallLevel = Wire.Decimal.FromDecimal(account.MarginCallLevel),
            StopOutLevel = Wire.Decimal.FromDecimal(account.StopOutLevel),
            StopOutMode = (Wire.StopOutMode)(int)account.StopOutMode,
            MarginCall = account.MarginCall,
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
        wire.Commissions.AddRange(account.Commissions.Select(ToProto));
        return wire;
    }

    public static Wire.CommissionRule ToProto(CommissionRule rule) => new()
    {
        Symbols = rule.Symbols,
        Kind = (Wire.CommissionKind)(int)rule.Kind,
        Basis = (Wire.CommissionBasis)(int)rule.Basis,
        Amount = Wire.Decimal.FromDecimal(rule.Amount),
        Currency = (Wire.CommissionCurrency)(int)rule.Currency,
        Entry = (Wire.CommissionEntry)(int)rule.Entry,
    };

    public static Wire.PriceState PriceStateOf(PriceState state) => state switch
    {
        PriceState.Live => Wire.PriceState.Live,
        PriceState.Stale => Wire.PriceState.Stale,
        _ => Wire.PriceState.NoQuote,
    };

    /// <summary>A live figure, absent when the account cannot be valued (never reported as 0).</summary>
    private static Wire.Decimal? Priced(AccountSnapshot snapshot, decimal? value) =>
        snapshot.Pricing == PriceState.Missing ? null : Wire.Decimal.FromDecimal(value);
}
