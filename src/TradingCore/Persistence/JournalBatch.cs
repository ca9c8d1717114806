using Google.Protobuf;
using TradingCore.Engine.Events;
using TradingCore.Engine.Loop;
using TradingCore.Mapping;
using TradingCore.Persistence.Entities;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Persistence;

/// <summary>
/// What one group commit writes, independent of how it is written: every event (with its wire form, stored and
/// later published), the new deals, and the latest state of each touched order, position and account (several
/// changes to one row within a batch collapse to the last), plus the engine counters.
/// </summary>
internal sealed class JournalBatch
{
    /// <summary>The events' wire forms for the subscribers; <see cref="TakePublished"/> hands them over.</summary>
    /// <summary>An empty batch.</summary>
    public JournalBatch()
        : this(0)
    {
    }

    /// <summary>An empty batch sized for <paramref name="steps"/> engine steps (a market order's step has about four events), so it does not grow while filled.</summary>
    private JournalBatch(int steps)
    {
        Published = new(steps * 4);
        Events = new(steps * 4);
        Deals = new(steps);
        Orders = new(steps);
        Positions = new(steps);
    }

    public List<Wire.TradeEvent> Published { get; private set; }

    public List<TradeEventEntity> Events { get; }

    public List<DealEntity> Deals { get; }

    /// <summary>Orders by ticket: insert when the ticket first appears in this batch, else update.</summary>
    public Dictionary<ulong, (bool Insert, OrderEntity Row)> Orders { get; }

    /// <summary>Positions by identifier: whether the row existed before the batch, the last state, and whether it is closed.</summary>
    public Dictionary<ulong, (bool Existed, bool Closed, PositionEntity Row)> Positions { get; }

    /// <summary>Accounts by id: insert when created in this batch, else update.</summary>
    public Dictionary<long, (bool Insert, AccountEntity Row)> Accounts { get; } = [];

    public EngineStateEntity? Counters { get; private set; }

    /// <summary>The journal records this batch projects, the last one's sequence (0 when not projected from the journal).</summary>
    public long JournalSeq { get; set; }

    /// <summary>Sets the counters (when decoding a journal record).</summary>
    public void SetCounters(EngineStateEntity counters) => Counters = counters;

    /// <summary>
    /// Adds a later batch's rows as if both had been one batch: events and deals appended; orders, positions and
    /// accounts collapse to their last state, keeping the insert/existed flag of their first appearance; the
    /// counters are the later ones. The projector merges many journal records into one transaction this way.
    /// </summary>
    public void Merge(JournalBatch later)
    {
        Events.AddRange(later.Events);
        Deals.AddRange(later.Deals);
        foreach (var (ticket, (insert, row)) in later.Orders)
        {
            Orders[ticket] = (Orders.TryGetValue(ticket, out var seen) ? seen.Insert : insert, row);
        }

        foreach (var (identifier, (existed, closed, row)) in later.Positions)
        {
            Positions[identifier] = (Positions.TryGetValue(identifier, out var seen) ? seen.Existed : existed, closed, row);
        }

        foreach (var (id, (insert, row)) in later.Accounts)
        {
            Accounts[id] = (Accounts.TryGetValue(id, out var seen) ? seen.Insert : insert, row);
        }

        Counters = later.Counters ?? Counters;
        JournalSeq = Math.Max(JournalSeq, later.JournalSeq);
    }

    /// <summary>
    /// The wire events, no longer referenced by this batch: the projector keeps a batch until its rows are written
    /// (tens of milliseconds and more under load), and the wire events it referenced lived as long, into the older
    /// generations, though the subscribers are done with them much sooner.
    /// </summary>
    public List<Wire.TradeEvent> TakePublished()
    {
        var published = Published;
        Published = [];
        return published;
    }

    public static JournalBatch From(IReadOnlyList<OutboxEntry> entries, ref long lastOrderTicket, ref long lastDealTicket)
    {
        var batch = new JournalBatch(entries.Count);
        ulong lastSequence = 0;
        foreach (var entry in entries)
        {
            foreach (var engineEvent in entry.Events)
            {
                var wire = TradeEventMapper.ToProto(engineEvent);
                batch.Published.Add(wire);
                lastSequence = engineEvent.Sequence;
                batch.Events.Add(new TradeEventEntity
                {
                    Sequence = (long)engineEvent.Sequence,
                    AccountId = engineEvent.AccountId,
                    TimeMs = engineEvent.TimeMs,
                    Kind = TradeEventMapper.KindOf(engineEvent),
                    Payload = Encode(wire),
                });
                batch.Collect(engineEvent, ref lastOrderTicket, ref lastDealTicket);
            }
        }

        if (lastSequence > 0)
        {
            batch.Counters = new EngineStateEntity { LastOrderTicket = lastOrderTicket, LastDealTicket = lastDealTicket, LastSequence = (long)lastSequence };
        }

        return batch;
    }

    /// <summary>
    /// The event's bytes, written straight into their array (ToByteArray also allocates a CodedOutputStream per call),
    /// and kept by the event for the frames its streams write.
    /// </summary>
    private static byte[] Encode(Wire.TradeEvent wire)
    {
        var payload = new byte[wire.CalculateSize()];
        wire.WriteTo(payload.AsSpan());
        wire.UseEncoded(payload); // the streams' frames are copied from these bytes, not encoded again
        return payload;
    }

    private void Collect(EngineEvent engineEvent, ref long lastOrderTicket, ref long lastDealTicket)
    {
        switch (engineEvent)
        {
            case OrderEvent order:
                var ticket = order.Order.Ticket;
                Orders[ticket] = (Orders.TryGetValue(ticket, out var seenOrder) ? seenOrder.Insert : order.IsNew, EntityMapper.ToEntity(order.Order));
                lastOrderTicket = Math.Max(lastOrderTicket, (long)ticket);
                break;
            case DealEvent deal:
                Deals.Add(EntityMapper.ToEntity(deal.Deal));
                lastDealTicket = Math.Max(lastDealTicket, (long)deal.Deal.Ticket);

                // An MT5 deal the core did not send takes an order ticket no stored order has: never to be reused.
                lastOrderTicket = Math.Max(lastOrderTicket, (long)deal.Deal.OrderTicket);
                break;
            case PositionEvent position:
                var key = position.Position.Identifier;
                lastOrderTicket = Math.Max(lastOrderTicket, (long)Math.Max(key, position.Position.Ticket)); // tickets of the order space
                var existed = Positions.TryGetValue(key, out var seenPosition) ? seenPosition.Existed : !position.IsNew;
                Positions[key] = (existed, position.Closed, EntityMapper.ToEntity(position.Position));
                break;
            case AccountEvent account:
                var id = account.AccountId;
                Accounts[id] = (Accounts.TryGetValue(id, out var seenAccount) ? seenAccount.Insert : account.IsNew, EntityMapper.ToEntity(account.Snapshot.Account));
                break;
        }
    }
}
