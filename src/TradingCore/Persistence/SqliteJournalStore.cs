using Microsoft.Data.Sqlite;
using TradingCore.Persistence.Entities;

namespace TradingCore.Persistence;

/// <summary>
/// Writes journal batches with prepared, parameterized Microsoft.Data.Sqlite statements on the schema EF Core
/// owns (same tables, columns and value formats): upserts for events, deals, orders, positions and accounts (so a
/// projection is idempotent), one transaction per batch. EF Core still creates and migrates the schema and serves every read.
/// </summary>
internal sealed class SqliteJournalStore : IJournalStore
{
    private static readonly string[] EventColumns = ["Sequence", "AccountId", "TimeMs", "Kind", "Payload"];

    private static readonly string[] DealColumns =
    [
        "Ticket", "OrderTicket", "AccountId", "Symbol", "Type", "Entry", "Volume", "Price", "Profit", "Commission", "Swap",
        "Fee", "PositionId", "TimeMs", "Magic", "Comment", "Reason", "ClientOrderId", "StopLoss", "TakeProfit",
        "Mt5DealTicket",
    ];

    private static readonly string[] OrderColumns =
    [
        "Ticket", "AccountId", "ClientOrderId", "Symbol", "Type", "State", "VolumeInitial", "VolumeCurrent", "PriceOpen",
        "StopLimitPrice", "StopLoss", "TakeProfit", "Filling", "TimeType", "ExpirationTimeMs", "TimeSetupMs", "TimeDoneMs",
        "Magic", "Comment", "PositionId", "PositionById", "PositionTicketRequested", "Reason", "Retcode", "RetcodeMessage",
        "PriceFilled", "DealTicket", "RequestFingerprint", "Mt5OrderTicket",
    ];

    private static readonly string[] PositionColumns =
    [
        "Identifier", "Ticket", "AccountId", "Symbol", "Type", "Volume", "PriceOpen", "StopLoss", "TakeProfit", "TimeMs",
        "TimeUpdateMs", "Magic", "Comment", "Swap", "SwapThroughMs", "Mt5PositionId",
    ];

    private static readonly string[] AccountColumns =
    [
        "AccountId", "Name", "Currency", "CurrencyDigits", "Leverage", "MarginMode", "TradingState", "Balance", "Credit",
        "MarginCallLevel", "StopOutLevel", "TimeCreatedMs", "MaxOrderVolume", "MaxPositionVolume", "MaxOpenOrders",
        "MaxOrdersPerSecond", "Closed", "StopOutMode", "MarginCall", "Commissions", "Venue", "Mt5Login",
    ];

    private readonly SqliteConnection _connection;
    private readonly PreparedStatement _insertEvent;
    private readonly PreparedStatement _insertDeal;
    private readonly PreparedStatement _upsertOrder;
    private readonly PreparedStatement _upsertPosition;
    private readonly PreparedStatement _deletePosition;
    private readonly PreparedStatement _upsertAccount;
    private readonly PreparedStatement _updateCounters;

    public SqliteJournalStore(SqliteConnection connection)
    {
        _connection = connection;
        // Upserts throughout: projecting a journal record a second time (it cannot happen while the watermark is
        // written with the rows, but nothing is lost by being sure) writes the same rows again instead of failing.
        _insertEvent = PreparedStatement.Insert(connection, "trade_events", EventColumns, upsertKey: "Sequence");
        _insertDeal = PreparedStatement.Insert(connection, "deals", DealColumns, upsertKey: "Ticket");
        _upsertOrder = PreparedStatement.Insert(connection, "orders", OrderColumns, upsertKey: "Ticket");
        _upsertPosition = PreparedStatement.Insert(connection, "positions", PositionColumns, upsertKey: "Identifier");
        _upsertAccount = PreparedStatement.Insert(connection, "accounts", AccountColumns, upsertKey: "AccountId");
        _deletePosition = new PreparedStatement(connection, "DELETE FROM \"positions\" WHERE \"Identifier\" = @p0", 1);
        _updateCounters = new PreparedStatement(
            connection,
            "UPDATE \"engine_state\" SET \"LastOrderTicket\" = @p0, \"LastDealTicket\" = @p1, \"LastSequence\" = @p2, \"JournalSeq\" = @p3 WHERE \"Id\" = @p4",
            5);
    }

    public string Name => "sqlite";

    public void Commit(JournalBatch batch)
    {
        using var transaction = _connection.BeginTransaction();
        // Accounts first: orders, deals and positions refer to them.
        foreach (var (_, account) in batch.Accounts.Values)
        {
            WriteAccount(transaction, account);
        }

        foreach (var row in batch.Events)
        {
            _insertEvent.Execute(transaction, row.Sequence, row.AccountId, row.TimeMs, row.Kind, row.Payload);
        }

        foreach (var (_, order) in batch.Orders.Values)
        {
            WriteOrder(transaction, order);
        }

        foreach (var deal in batch.Deals)
        {
            WriteDeal(transaction, deal);
        }

        foreach (var (existed, closed, position) in batch.Positions.Values)
        {
            if (closed)
            {
                if (existed)
                {
                    _deletePosition.Execute(transaction, position.Identifier);
                }
            }
            else
            {
                WritePosition(transaction, position);
            }
        }

        if (batch.Counters is { } counters)
        {
            _updateCounters.Execute(transaction, counters.LastOrderTicket, counters.LastDealTicket, counters.LastSequence, counters.JournalSeq, EngineStateEntity.SingletonId);
        }

        transaction.Commit();
    }

    public void Dispose()
    {
        _insertEvent.Dispose();
        _insertDeal.Dispose();
        _upsertOrder.Dispose();
        _upsertPosition.Dispose();
        _deletePosition.Dispose();
        _upsertAccount.Dispose();
        _updateCounters.Dispose();
    }

    private void WriteAccount(SqliteTransaction transaction, AccountEntity a) => _upsertAccount.Execute(
        transaction, a.AccountId, a.Name, a.Currency, a.CurrencyDigits, a.Leverage, a.MarginMode, a.TradingState, a.Balance,
        a.Credit, a.MarginCallLevel, a.StopOutLevel, a.TimeCreatedMs, a.MaxOrderVolume, a.MaxPositionVolume, a.MaxOpenOrders,
        a.MaxOrdersPerSecond, a.Closed, a.StopOutMode, a.MarginCall, a.Commissions, a.Venue, a.Mt5Login);

    private void WriteOrder(SqliteTransaction transaction, OrderEntity o) => _upsertOrder.Execute(
        transaction, o.Ticket, o.AccountId, o.ClientOrderId, o.Symbol, o.Type, o.State, o.VolumeInitial, o.VolumeCurrent,
        o.PriceOpen, o.StopLimitPrice, o.StopLoss, o.TakeProfit, o.Filling, o.TimeType, o.ExpirationTimeMs, o.TimeSetupMs,
        o.TimeDoneMs, o.Magic, o.Comment, o.PositionId, o.PositionById, o.PositionTicketRequested, o.Reason, o.Retcode,
        o.RetcodeMessage, o.PriceFilled, o.DealTicket, o.RequestFingerprint, o.Mt5OrderTicket);

    private void WriteDeal(SqliteTransaction transaction, DealEntity d) => _insertDeal.Execute(
        transaction, d.Ticket, d.OrderTicket, d.AccountId, d.Symbol, d.Type, d.Entry, d.Volume, d.Price, d.Profit, d.Commission,
        d.Swap, d.Fee, d.PositionId, d.TimeMs, d.Magic, d.Comment, d.Reason, d.ClientOrderId, d.StopLoss, d.TakeProfit, d.Mt5DealTicket);

    private void WritePosition(SqliteTransaction transaction, PositionEntity p) => _upsertPosition.Execute(
        transaction, p.Identifier, p.Ticket, p.AccountId, p.Symbol, p.Type, p.Volume, p.PriceOpen, p.StopLoss, p.TakeProfit,
        p.TimeMs, p.TimeUpdateMs, p.Magic, p.Comment, p.Swap, p.SwapThroughMs, p.Mt5PositionId);
}
