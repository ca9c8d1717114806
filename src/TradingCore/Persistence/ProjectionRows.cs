using TradingCore.Persistence.Entities;

namespace TradingCore.Persistence;

/// <summary>
/// The columns the projection writes per table and each row's values in that order, shared by the stores of every
/// provider (SQLite's prepared statements, PostgreSQL's batched upserts), so both write the same rows. The values go
/// into a caller's scratch array (no allocation per row beyond boxing).
/// </summary>
internal static class ProjectionRows
{
    /// <summary>Longest column list (the scratch array's size).</summary>
    public const int MaxColumns = 32;

    public static readonly string[] EventBlockColumns = ["AccountId", "LastSequence", "FirstSequence", "Count", "FirstTimeMs", "LastTimeMs", "Records"];

    /// <summary>The key of table event_blocks (an upsert's conflict target).</summary>
    public static readonly string[] EventBlockKey = ["AccountId", "LastSequence"];

    public static readonly string[] DealColumns =
    [
        "Ticket", "OrderTicket", "AccountId", "Symbol", "Type", "Entry", "Volume", "Price", "Profit", "Commission", "Swap",
        "Fee", "PositionId", "TimeMs", "Magic", "Comment", "Reason", "ClientOrderId", "StopLoss", "TakeProfit",
        "Mt5DealTicket",
    ];

    public static readonly string[] OrderColumns =
    [
        "Ticket", "AccountId", "ClientOrderId", "Symbol", "Type", "State", "VolumeInitial", "VolumeCurrent", "PriceOpen",
        "StopLimitPrice", "StopLoss", "TakeProfit", "Filling", "TimeType", "ExpirationTimeMs", "TimeSetupMs", "TimeDoneMs",
        "Magic", "Comment", "PositionId", "PositionById", "PositionTicketRequested", "Reason", "Retcode", "RetcodeMessage",
        "PriceFilled", "DealTicket", "RequestFingerprint", "Mt5OrderTicket",
    ];

    public static readonly string[] PositionColumns =
    [
        "Identifier", "Ticket", "AccountId", "Symbol", "Type", "Volume", "PriceOpen", "StopLoss", "TakeProfit", "TimeMs",
        "TimeUpdateMs", "Magic", "Comment", "Swap", "SwapThroughMs", "Mt5PositionId",
    ];

    public static readonly string[] AccountColumns =
    [
        "AccountId", "Name", "Currency", "CurrencyDigits", "Leverage", "MarginMode", "TradingState", "Balance", "Credit",
        "MarginCallLevel", "StopOutLevel", "TimeCreatedMs", "MaxOrderVolume", "MaxPositionVolume", "MaxOpenOrders",
        "MaxOrdersPerSecond", "Closed", "StopOutMode", "MarginCall", "Commissions", "Venue", "Mt5Login",
    ];

    /// <summary>UPDATE engine_state: the counters and the projection's watermark, parameters in this order, then the row id.</summary>
    public static readonly string[] CounterColumns = ["LastOrderTicket", "LastDealTicket", "LastSequence", "JournalSeq"];

    public static ReadOnlySpan<object?> Events(EventBlockEntity b, object?[] into)
    {
        into[0] = b.AccountId; into[1] = b.LastSequence; into[2] = b.FirstSequence; into[3] = b.Count; into[4] = b.FirstTimeMs;
        into[5] = b.LastTimeMs; into[6] = b.Records;
        return into.AsSpan(0, EventBlockColumns.Length);
    }

    public static ReadOnlySpan<object?> Account(AccountEntity a, object?[] into)
    {
        into[0] = a.AccountId; into[1] = a.Name; into[2] = a.Currency; into[3] = a.CurrencyDigits; into[4] = a.Leverage;
        into[5] = a.MarginMode; into[6] = a.TradingState; into[7] = a.Balance; into[8] = a.Credit; into[9] = a.MarginCallLevel;
        into[10] = a.StopOutLevel; into[11] = a.TimeCreatedMs; into[12] = a.MaxOrderVolume; into[13] = a.MaxPositionVolume;
        into[14] = a.MaxOpenOrders; into[15] = a.MaxOrdersPerSecond; into[16] = a.Closed; into[17] = a.StopOutMode;
        into[18] = a.MarginCall; into[19] = a.Commissions; into[20] = a.Venue; into[21] = a.Mt5Login;
        return into.AsSpan(0, AccountColumns.Length);
    }

    public static ReadOnlySpan<object?> Order(OrderEntity o, object?[] into)
    {
        into[0] = o.Ticket; into[1] = o.AccountId; into[2] = o.ClientOrderId; into[3] = o.Symbol; into[4] = o.Type;
        into[5] = o.State; into[6] = o.VolumeInitial; into[7] = o.VolumeCurrent; into[8] = o.PriceOpen; into[9] = o.StopLimitPrice;
        into[10] = o.StopLoss; into[11] = o.TakeProfit; into[12] = o.Filling; into[13] = o.TimeType; into[14] = o.ExpirationTimeMs;
        into[15] = o.TimeSetupMs; into[16] = o.TimeDoneMs; into[17] = o.Magic; into[18] = o.Comment; into[19] = o.PositionId;
        into[20] = o.PositionById; into[21] = o.PositionTicketRequested; into[22] = o.Reason; into[23] = o.Retcode;
        into[24] = o.RetcodeMessage; into[25] = o.PriceFilled; into[26] = o.DealTicket; into[27] = o.RequestFingerprint;
        into[28] = o.Mt5OrderTicket;
        return into.AsSpan(0, OrderColumns.Length);
    }

    public static ReadOnlySpan<object?> Deal(DealEntity d, object?[] into)
    {
        into[0] = d.Ticket; into[1] = d.OrderTicket; into[2] = d.AccountId; into[3] = d.Symbol; into[4] = d.Type; into[5] = d.Entry;
        into[6] = d.Volume; into[7] = d.Price; into[8] = d.Profit; into[9] = d.Commission; into[10] = d.Swap; into[11] = d.Fee;
        into[12] = d.PositionId; into[13] = d.TimeMs; into[14] = d.Magic; into[15] = d.Comment; into[16] = d.Reason;
        into[17] = d.ClientOrderId; into[18] = d.StopLoss; into[19] = d.TakeProfit; into[20] = d.Mt5DealTicket;
        return into.AsSpan(0, DealColumns.Length);
    }

    public static ReadOnlySpan<object?> Position(PositionEntity p, object?[] into)
    {
        into[0] = p.Identifier; into[1] = p.Ticket; into[2] = p.AccountId; into[3] = p.Symbol; into[4] = p.Type; into[5] = p.Volume;
        into[6] = p.PriceOpen; into[7] = p.StopLoss; into[8] = p.TakeProfit; into[9] = p.TimeMs; into[10] = p.TimeUpdateMs;
        into[11] = p.Magic; into[12] = p.Comment; into[13] = p.Swap; into[14] = p.SwapThroughMs; into[15] = p.Mt5PositionId;
        return into.AsSpan(0, PositionColumns.Length);
    }

    public static ReadOnlySpan<object?> Counters(EngineStateEntity c, object?[] into)
    {
        into[0] = c.LastOrderTicket; into[1] = c.LastDealTicket; into[2] = c.LastSequence; into[3] = c.JournalSeq; into[4] = c.Id;
        return into.AsSpan(0, CounterColumns.Length + 1);
    }

    /// <summary>
    /// Hands every row of <paramref name="batch"/> to <paramref name="write"/> in the order a transaction must write
    /// them: accounts first (orders, deals and positions refer to them), events (one block per account), orders,
    /// deals, positions (closed ones that existed are deleted; ones opened and closed within the batch never reach
    /// the table), counters last.
    /// </summary>
    public static void Walk(JournalBatch batch, object?[] values, ProjectionRowWriter write)
    {
        foreach (var (_, account) in batch.Accounts.Values)
        {
            write(ProjectionTable.Account, Account(account, values));
        }

        foreach (var block in EventBlocks(batch.Events))
        {
            write(ProjectionTable.EventBlock, Events(block, values));
        }

        foreach (var (_, order) in batch.Orders.Values)
        {
            write(ProjectionTable.Order, Order(order, values));
        }

        foreach (var deal in batch.Deals)
        {
            write(ProjectionTable.Deal, Deal(deal, values));
        }

        foreach (var (existed, closed, position) in batch.Positions.Values)
        {
            if (!closed)
            {
                write(ProjectionTable.Position, Position(position, values));
            }
            else if (existed)
            {
                values[0] = position.Identifier;
                write(ProjectionTable.DeletedPosition, values.AsSpan(0, 1));
            }
        }

        if (batch.Counters is { } counters)
        {
            write(ProjectionTable.Counters, Counters(counters, values));
        }
    }

    /// <summary>The blocks of a batch's events: per account (in the order of each account's first event) as few as <see cref="EventBlock.MaxRecordBytes"/> allows.</summary>
    public static IEnumerable<EventBlockEntity> EventBlocks(List<TradeEventEntity> events)
    {
        if (events.Count == 0)
        {
            yield break;
        }

        if (events.TrueForAll(row => row.AccountId == events[0].AccountId))
        {
            foreach (var block in EventBlock.EncodeAll(events))
            {
                yield return block;
            }

            yield break;
        }

        var accounts = new Dictionary<long, List<TradeEventEntity>>();
        var order = new List<List<TradeEventEntity>>();
        foreach (var row in events)
        {
            if (!accounts.TryGetValue(row.AccountId, out var rows))
            {
                accounts[row.AccountId] = rows = [];
                order.Add(rows);
            }

            rows.Add(row);
        }

        foreach (var block in order.SelectMany(EventBlock.EncodeAll))
        {
            yield return block;
        }
    }
}
