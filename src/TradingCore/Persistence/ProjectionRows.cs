using TradingCore.Persistence.Entities;

namespace TradingCore.Persistence;

/// <summary>
/// The columns the projection writes per table and each row's values in that order, shared by the stores of every
/// provider (SQLite's prepared statements, PostgreSQL's batched upserts), so both write the same rows. The values go
/// to an <see cref="IProjectionRowSink"/> one by one, typed.
/// </summary>
internal static class ProjectionRows
{
    /// <summary>Longest column list (a row's most values).</summary>
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

    public static void Events(EventBlockEntity b, IProjectionRowSink into)
    {
        into.Begin(ProjectionTable.EventBlock);
        into.Value(b.AccountId); into.Value(b.LastSequence); into.Value(b.FirstSequence); into.Value(b.Count); into.Value(b.FirstTimeMs);
        into.Value(b.LastTimeMs); into.Value(b.Records);
        into.End();
    }

    public static void Account(AccountEntity a, IProjectionRowSink into)
    {
        into.Begin(ProjectionTable.Account);
        into.Value(a.AccountId); into.Value(a.Name); into.Value(a.Currency); into.Value(a.CurrencyDigits); into.Value(a.Leverage);
        into.Value(a.MarginMode); into.Value(a.TradingState); into.Value(a.Balance); into.Value(a.Credit); into.Value(a.MarginCallLevel);
        into.Value(a.StopOutLevel); into.Value(a.TimeCreatedMs); into.Value(a.MaxOrderVolume); into.Value(a.MaxPositionVolume);
        into.Value(a.MaxOpenOrders); into.Value(a.MaxOrdersPerSecond); into.Value(a.Closed); into.Value(a.StopOutMode);
        into.Value(a.MarginCall); into.Value(a.Commissions); into.Value(a.Venue); into.Value(a.Mt5Login);
        into.End();
    }

    public static void Order(OrderEntity o, IProjectionRowSink into)
    {
        into.Begin(ProjectionTable.Order);
        into.Value(o.Ticket); into.Value(o.AccountId); into.Value(o.ClientOrderId); into.Value(o.Symbol); into.Value(o.Type);
        into.Value(o.State); into.Value(o.VolumeInitial); into.Value(o.VolumeCurrent); into.Value(o.PriceOpen); into.Value(o.StopLimitPrice);
        into.Value(o.StopLoss); into.Value(o.TakeProfit); into.Value(o.Filling); into.Value(o.TimeType); into.Value(o.ExpirationTimeMs);
        into.Value(o.TimeSetupMs); into.Value(o.TimeDoneMs); into.Value(o.Magic); into.Value(o.Comment); into.Value(o.PositionId);
        into.Value(o.PositionById); into.Value(o.PositionTicketRequested); into.Value(o.Reason); into.Value(o.Retcode);
        into.Value(o.RetcodeMessage); into.Value(o.PriceFilled); into.Value(o.DealTicket); into.Value(o.RequestFingerprint);
        into.Value(o.Mt5OrderTicket);
        into.End();
    }

    public static void Deal(DealEntity d, IProjectionRowSink into)
    {
        into.Begin(ProjectionTable.Deal);
        into.Value(d.Ticket); into.Value(d.OrderTicket); into.Value(d.AccountId); into.Value(d.Symbol); into.Value(d.Type); into.Value(d.Entry);
        into.Value(d.Volume); into.Value(d.Price); into.Value(d.Profit); into.Value(d.Commission); into.Value(d.Swap); into.Value(d.Fee);
        into.Value(d.PositionId); into.Value(d.TimeMs); into.Value(d.Magic); into.Value(d.Comment); into.Value(d.Reason);
        into.Value(d.ClientOrderId); into.Value(d.StopLoss); into.Value(d.TakeProfit); into.Value(d.Mt5DealTicket);
        into.End();
    }

    public static void Position(PositionEntity p, IProjectionRowSink into)
    {
        into.Begin(ProjectionTable.Position);
        into.Value(p.Identifier); into.Value(p.Ticket); into.Value(p.AccountId); into.Value(p.Symbol); into.Value(p.Type); into.Value(p.Volume);
        into.Value(p.PriceOpen); into.Value(p.StopLoss); into.Value(p.TakeProfit); into.Value(p.TimeMs); into.Value(p.TimeUpdateMs);
        into.Value(p.Magic); into.Value(p.Comment); into.Value(p.Swap); into.Value(p.SwapThroughMs); into.Value(p.Mt5PositionId);
        into.End();
    }

    public static void Counters(EngineStateEntity c, IProjectionRowSink into)
    {
        into.Begin(ProjectionTable.Counters);
        into.Value(c.LastOrderTicket); into.Value(c.LastDealTicket); into.Value(c.LastSequence); into.Value(c.JournalSeq); into.Value(c.Id);
        into.End();
    }

    /// <summary>
    /// Hands every row of <paramref name="batch"/> to <paramref name="into"/> in the order a transaction must write
    /// them: accounts first (orders, deals and positions refer to them), events (blocks per account), orders,
    /// deals, positions (closed ones that existed are deleted; ones opened and closed within the batch never reach
    /// the table), counters last.
    /// </summary>
    public static void Walk(JournalBatch batch, IProjectionRowSink into)
    {
        foreach (var (_, account) in batch.Accounts.Values)
        {
            Account(account, into);
        }

        foreach (var block in EventBlocks(batch.Events))
        {
            Events(block, into);
        }

        foreach (var (_, order) in batch.Orders.Values)
        {
            Order(order, into);
        }

        foreach (var deal in batch.Deals)
        {
            Deal(deal, into);
        }

        foreach (var (existed, closed, position) in batch.Positions.Values)
        {
            if (!closed)
            {
                Position(position, into);
            }
            else if (existed)
            {
                into.Begin(ProjectionTable.DeletedPosition);
                into.Value(position.Identifier);
                into.End();
            }
        }

        if (batch.Counters is { } counters)
        {
            Counters(counters, into);
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
