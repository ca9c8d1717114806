using System.Text.Json;
using TradingCore.Engine.Domain;
using TradingCore.Persistence.Entities;

namespace TradingCore.Persistence;

/// <summary>Maps engine records to table rows and back. Tickets are stored as signed 64-bit (they stay far below 2^63).</summary>
internal static class EntityMapper
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public static AccountEntity ToEntity(Account account) => new()
    {
        AccountId = account.AccountId,
        Name = account.Name,
        Currency = account.Currency,
        CurrencyDigits = account.CurrencyDigits,
        Leverage = account.Leverage,
        MarginMode = (int)account.MarginMode,
        TradingState = (int)account.TradingState,
        Balance = account.Balance,
        Credit = account.Credit,
        MarginCallLevel = account.MarginCallLevel,
        StopOutLevel = account.StopOutLevel,
        TimeCreatedMs = account.TimeCreatedMs,
        MaxOrderVolume = account.Limits.MaxOrderVolume,
        MaxPositionVolume = account.Limits.MaxPositionVolume,
        MaxOpenOrders = account.Limits.MaxOpenOrders,
        MaxOrdersPerSecond = account.Limits.MaxOrdersPerSecond,
        Closed = account.Closed,
        StopOutMode = (int)account.StopOutMode,
        MarginCall = account.MarginCall,
        Commissions = account.Commissions.Count == 0 ? "[]" : JsonSerializer.Serialize(account.Commissions, Json),
        Venue = (int)account.Venue,
        Mt5Login = account.Mt5Login,
    };

    public static Account ToRecord(AccountEntity entity) => new()
    {
        AccountId = entity.AccountId,
        Name = entity.Name,
        Currency = entity.Currency,
        CurrencyDigits = entity.CurrencyDigits,
        Leverage = entity.Leverage,
        MarginMode = (MarginMode)entity.MarginMode,
        TradingState = (AccountTradingState)entity.TradingState,
        Balance = entity.Balance,
        Credit = entity.Credit,
        MarginCallLevel = entity.MarginCallLevel,
        StopOutLevel = entity.StopOutLevel,
        TimeCreatedMs = entity.TimeCreatedMs,
        Limits = new AccountLimits
        {
            MaxOrderVolume = entity.MaxOrderVolume,
            MaxPositionVolume = entity.MaxPositionVolume,
            MaxOpenOrders = entity.MaxOpenOrders,
            MaxOrdersPerSecond = entity.MaxOrdersPerSecond,
        },
        Closed = entity.Closed,
        StopOutMode = (StopOutMode)Math.Max(1, entity.StopOutMode),
        MarginCall = entity.MarginCall,
        Commissions = entity.Commissions is null or "" or "[]" ? [] : JsonSerializer.Deserialize<List<CommissionRule>>(entity.Commissions, Json) ?? [],
        Venue = (AccountVenue)Math.Max(1, entity.Venue),
        Mt5Login = entity.Mt5Login,
    };

    public static OrderEntity ToEntity(Order order) => new()
    {
        Ticket = (long)order.Ticket,
        AccountId = order.AccountId,
        ClientOrderId = order.ClientOrderId,
        Symbol = order.Symbol,
        Type = (int)order.Type,
        State = (int)order.State,
        VolumeInitial = order.VolumeInitial,
        VolumeCurrent = order.VolumeCurrent,
        PriceOpen = order.PriceOpen,
        StopLimitPrice = order.StopLimitPrice,
        StopLoss = order.StopLoss,
        TakeProfit = order.TakeProfit,
        Filling = (int)order.Filling,
        TimeType = (int)order.TimeType,
        ExpirationTimeMs = order.ExpirationTimeMs,
        TimeSetupMs = order.TimeSetupMs,
        TimeDoneMs = order.TimeDoneMs,
        Magic = unchecked((long)order.Magic),
        Comment = order.Comment,
        PositionId = (long)order.PositionId,
        PositionById = (long)order.PositionById,
        PositionTicketRequested = (long)order.PositionTicketRequested,
        Reason = (int)order.Reason,
        Retcode = (int)order.Retcode,
        RetcodeMessage = order.RetcodeMessage,
        PriceFilled = order.PriceFilled,
        DealTicket = (long)order.DealTicket,
        RequestFingerprint = order.RequestFingerprint,
        Mt5OrderTicket = (long)order.Mt5OrderTicket,
    };

    public static Order ToRecord(OrderEntity entity) => new()
    {
        Ticket = (ulong)entity.Ticket,
        AccountId = entity.AccountId,
        ClientOrderId = entity.ClientOrderId,
        Symbol = entity.Symbol,
        Type = (OrderType)entity.Type,
        State = (OrderState)entity.State,
        VolumeInitial = entity.VolumeInitial,
        VolumeCurrent = entity.VolumeCurrent,
        PriceOpen = entity.PriceOpen,
        StopLimitPrice = entity.StopLimitPrice,
        StopLoss = entity.StopLoss,
        TakeProfit = entity.TakeProfit,
        Filling = (OrderFilling)entity.Filling,
        TimeType = (OrderTimeType)entity.TimeType,
        ExpirationTimeMs = entity.ExpirationTimeMs,
        TimeSetupMs = entity.TimeSetupMs,
        TimeDoneMs = entity.TimeDoneMs,
        Magic = unchecked((ulong)entity.Magic),
        Comment = entity.Comment,
        PositionId = (ulong)entity.PositionId,
        PositionById = (ulong)entity.PositionById,
        PositionTicketRequested = (ulong)entity.PositionTicketRequested,
        Reason = (TradeReason)entity.Reason,
        Retcode = (TradeRetcode)entity.Retcode,
        RetcodeMessage = entity.RetcodeMessage,
        PriceFilled = entity.PriceFilled,
        DealTicket = (ulong)entity.DealTicket,
        RequestFingerprint = entity.RequestFingerprint,
        Mt5OrderTicket = (ulong)entity.Mt5OrderTicket,
    };

    public static DealEntity ToEntity(Deal deal) => new()
    {
        Ticket = (long)deal.Ticket,
        OrderTicket = (long)deal.OrderTicket,
        AccountId = deal.AccountId,
        Symbol = deal.Symbol,
        Type = (int)deal.Type,
        Entry = (int)deal.Entry,
        Volume = deal.Volume,
        Price = deal.Price,
        Profit = deal.Profit,
        Commission = deal.Commission,
        Swap = deal.Swap,
        Fee = deal.Fee,
        PositionId = (long)deal.PositionId,
        TimeMs = deal.TimeMs,
        Magic = unchecked((long)deal.Magic),
        Comment = deal.Comment,
        Reason = (int)deal.Reason,
        ClientOrderId = deal.ClientOrderId,
        StopLoss = deal.StopLoss,
        TakeProfit = deal.TakeProfit,
        Mt5DealTicket = (long)deal.Mt5DealTicket,
    };

    public static Deal ToRecord(DealEntity entity) => new()
    {
        Ticket = (ulong)entity.Ticket,
        OrderTicket = (ulong)entity.OrderTicket,
        AccountId = entity.AccountId,
        Symbol = entity.Symbol,
        Type = (DealType)entity.Type,
        Entry = (DealEntry)entity.Entry,
        Volume = entity.Volume,
        Price = entity.Price,
        Profit = entity.Profit,
        Commission = entity.Commission,
        Swap = entity.Swap,
        Fee = entity.Fee,
        PositionId = (ulong)entity.PositionId,
        TimeMs = entity.TimeMs,
        Magic = unchecked((ulong)entity.Magic),
        Comment = entity.Comment,
        Reason = (TradeReason)entity.Reason,
        ClientOrderId = entity.ClientOrderId,
        StopLoss = entity.StopLoss,
        TakeProfit = entity.TakeProfit,
        Mt5DealTicket = (ulong)entity.Mt5DealTicket,
    };

    public static PositionEntity ToEntity(Position position) => new()
    {
        Identifier = (long)position.Identifier,
        Ticket = (long)position.Ticket,
        AccountId = position.AccountId,
        Symbol = position.Symbol,
        Type = (int)position.Type,
        Volume = position.Volume,
        PriceOpen = position.PriceOpen,
        StopLoss = position.StopLoss,
        TakeProfit = position.TakeProfit,
        TimeMs = position.TimeMs,
        TimeUpdateMs = position.TimeUpdateMs,
        Magic = unchecked((long)position.Magic),
        Comment = position.Comment,
        Swap = position.Swap,
        SwapThroughMs = position.SwapThroughMs,
        Mt5PositionId = (long)position.Mt5PositionId,
    };

    public static Position ToRecord(PositionEntity entity) => new()
    {
        Identifier = (ulong)entity.Identifier,
        Ticket = (ulong)entity.Ticket,
        AccountId = entity.AccountId,
        Symbol = entity.Symbol,
        Type = (PositionType)entity.Type,
        Volume = entity.Volume,
        PriceOpen = entity.PriceOpen,
        StopLoss = entity.StopLoss,
        TakeProfit = entity.TakeProfit,
        TimeMs = entity.TimeMs,
        TimeUpdateMs = entity.TimeUpdateMs,
        Magic = unchecked((ulong)entity.Magic),
        Comment = entity.Comment,
        Swap = entity.Swap,
        Mt5PositionId = (ulong)entity.Mt5PositionId,

        // Positions stored before swaps existed were charged through the time they were last updated.
        SwapThroughMs = entity.SwapThroughMs != 0 ? entity.SwapThroughMs : entity.TimeUpdateMs,
    };
}
