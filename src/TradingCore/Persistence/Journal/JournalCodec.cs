using TradingCore.Persistence.Entities;

namespace TradingCore.Persistence.Journal;

/// <summary>
/// The journal record of one group commit: a <see cref="JournalBatch"/>'s rows (orders with their insert flag,
/// deals, positions with their existed/closed flags, accounts, events with their wire payload, the counters) in a
/// compact little-endian binary form. Written on the ack path (allocation: one buffer per batch), read by the
/// projector and at recovery. Decimals are stored exactly (16 bytes); the first byte is a format version.
/// </summary>
internal static class JournalCodec
{
    /// <summary>
    /// Version 2 added the account's stop-out mode and margin-call flag, version 3 its commission schedule (JSON),
    /// version 4 the position's swap, version 5 the MT5 identities of routed accounts (the account's venue and login,
    /// MT5's order and deal tickets, MT5's position identifier); older records are still read.
    /// </summary>
    private const byte Version = 5;

    public static byte[] Encode(JournalBatch batch)
    {
        using var stream = new MemoryStream(256 + (batch.Events.Count * 256));
        Encode(batch, stream);
        return stream.ToArray();
    }

    /// <summary>
    /// Encodes into <paramref name="stream"/> from its start (its length is set to the record's): the journal writer
    /// reuses one stream for every batch, so a commit allocates no buffer.
    /// </summary>
    public static void Encode(JournalBatch batch, MemoryStream stream)
    {
        stream.SetLength(0);
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Version);
            writer.Write(batch.Events.Count);
            foreach (var row in batch.Events)
            {
                writer.Write(row.Sequence);
                writer.Write(row.AccountId);
                writer.Write(row.TimeMs);
                writer.Write(row.Kind);
                writer.Write(row.Payload.Length);
                writer.Write(row.Payload);
            }

            writer.Write(batch.Deals.Count);
            foreach (var deal in batch.Deals)
            {
                Write(writer, deal);
            }

            writer.Write(batch.Orders.Count);
            foreach (var (insert, order) in batch.Orders.Values)
            {
                writer.Write(insert);
                Write(writer, order);
            }

            writer.Write(batch.Positions.Count);
            foreach (var (existed, closed, position) in batch.Positions.Values)
            {
                writer.Write(existed);
                writer.Write(closed);
                Write(writer, position);
            }

            writer.Write(batch.Accounts.Count);
            foreach (var (insert, account) in batch.Accounts.Values)
            {
                writer.Write(insert);
                Write(writer, account);
            }

            writer.Write(batch.Counters is not null);
            if (batch.Counters is { } counters)
            {
                writer.Write(counters.LastOrderTicket);
                writer.Write(counters.LastDealTicket);
                writer.Write(counters.LastSequence);
            }
        }
    }

    public static JournalBatch Decode(byte[] record)
    {
        using var reader = new BinaryReader(new MemoryStream(record, writable: false));
        var version = reader.ReadByte();
        if (version is < 1 or > Version)
        {
            throw new InvalidDataException($"journal record format {version} is not known (this build reads 1..{Version})");
        }

        var batch = new JournalBatch();
        for (var count = reader.ReadInt32(); count > 0; count--)
        {
            batch.Events.Add(new TradeEventEntity
            {
                Sequence = reader.ReadInt64(),
                AccountId = reader.ReadInt64(),
                TimeMs = reader.ReadInt64(),
                Kind = reader.ReadInt32(),
                Payload = reader.ReadBytes(reader.ReadInt32()),
            });
        }

        for (var count = reader.ReadInt32(); count > 0; count--)
        {
            batch.Deals.Add(ReadDeal(reader, version));
        }

        for (var count = reader.ReadInt32(); count > 0; count--)
        {
            var insert = reader.ReadBoolean();
            var order = ReadOrder(reader, version);
            batch.Orders[(ulong)order.Ticket] = (insert, order);
        }

        for (var count = reader.ReadInt32(); count > 0; count--)
        {
            var existed = reader.ReadBoolean();
            var closed = reader.ReadBoolean();
            var position = ReadPosition(reader, version);
            batch.Positions[(ulong)position.Identifier] = (existed, closed, position);
        }

        for (var count = reader.ReadInt32(); count > 0; count--)
        {
            var insert = reader.ReadBoolean();
            var account = ReadAccount(reader, version);
            batch.Accounts[account.AccountId] = (insert, account);
        }

        if (reader.ReadBoolean())
        {
            batch.SetCounters(new EngineStateEntity { LastOrderTicket = reader.ReadInt64(), LastDealTicket = reader.ReadInt64(), LastSequence = reader.ReadInt64() });
        }

        return batch;
    }

    private static void Write(BinaryWriter w, OrderEntity o)
    {
        w.Write(o.Ticket); w.Write(o.AccountId); w.Write(o.ClientOrderId); w.Write(o.Symbol); w.Write(o.Type); w.Write(o.State);
        w.Write(o.VolumeInitial); w.Write(o.VolumeCurrent); Write(w, o.PriceOpen); Write(w, o.StopLimitPrice); Write(w, o.StopLoss);
        Write(w, o.TakeProfit); w.Write(o.Filling); w.Write(o.TimeType); w.Write(o.ExpirationTimeMs); w.Write(o.TimeSetupMs);
        w.Write(o.TimeDoneMs); w.Write(o.Magic); w.Write(o.Comment); w.Write(o.PositionId); w.Write(o.PositionById);
        w.Write(o.PositionTicketRequested); w.Write(o.Reason); w.Write(o.Retcode); w.Write(o.RetcodeMessage); Write(w, o.PriceFilled);
        w.Write(o.DealTicket); w.Write(o.RequestFingerprint); w.Write(o.Mt5OrderTicket);
    }

    private static OrderEntity ReadOrder(BinaryReader r, byte version)
    {
        var order = ReadOrder(r);
        if (version >= 5)
        {
            order.Mt5OrderTicket = r.ReadInt64();
        }

        return order;
    }

    private static OrderEntity ReadOrder(BinaryReader r) => new()
    {
        Ticket = r.ReadInt64(), AccountId = r.ReadInt64(), ClientOrderId = r.ReadString(), Symbol = r.ReadString(), Type = r.ReadInt32(),
        State = r.ReadInt32(), VolumeInitial = r.ReadDecimal(), VolumeCurrent = r.ReadDecimal(), PriceOpen = ReadNullable(r),
        StopLimitPrice = ReadNullable(r), StopLoss = ReadNullable(r), TakeProfit = ReadNullable(r), Filling = r.ReadInt32(),
        TimeType = r.ReadInt32(), ExpirationTimeMs = r.ReadInt64(), TimeSetupMs = r.ReadInt64(), TimeDoneMs = r.ReadInt64(),
        Magic = r.ReadInt64(), Comment = r.ReadString(), PositionId = r.ReadInt64(), PositionById = r.ReadInt64(),
        PositionTicketRequested = r.ReadInt64(), Reason = r.ReadInt32(), Retcode = r.ReadInt32(), RetcodeMessage = r.ReadString(),
        PriceFilled = ReadNullable(r), DealTicket = r.ReadInt64(), RequestFingerprint = r.ReadString(),
    };

    private static void Write(BinaryWriter w, DealEntity d)
    {
        w.Write(d.Ticket); w.Write(d.OrderTicket); w.Write(d.AccountId); w.Write(d.Symbol); w.Write(d.Type); w.Write(d.Entry);
        w.Write(d.Volume); w.Write(d.Price); w.Write(d.Profit); w.Write(d.Commission); w.Write(d.Swap); w.Write(d.Fee);
        w.Write(d.PositionId); w.Write(d.TimeMs); w.Write(d.Magic); w.Write(d.Comment); w.Write(d.Reason); w.Write(d.ClientOrderId);
        Write(w, d.StopLoss); Write(w, d.TakeProfit); w.Write(d.Mt5DealTicket);
    }

    private static DealEntity ReadDeal(BinaryReader r, byte version)
    {
        var deal = ReadDeal(r);
        if (version >= 5)
        {
            deal.Mt5DealTicket = r.ReadInt64();
        }

        return deal;
    }

    private static DealEntity ReadDeal(BinaryReader r) => new()
    {
        Ticket = r.ReadInt64(), OrderTicket = r.ReadInt64(), AccountId = r.ReadInt64(), Symbol = r.ReadString(), Type = r.ReadInt32(),
        Entry = r.ReadInt32(), Volume = r.ReadDecimal(), Price = r.ReadDecimal(), Profit = r.ReadDecimal(), Commission = r.ReadDecimal(),
        Swap = r.ReadDecimal(), Fee = r.ReadDecimal(), PositionId = r.ReadInt64(), TimeMs = r.ReadInt64(), Magic = r.ReadInt64(),
        Comment = r.ReadString(), Reason = r.ReadInt32(), ClientOrderId = r.ReadString(), StopLoss = ReadNullable(r),
        TakeProfit = ReadNullable(r),
    };

    private static void Write(BinaryWriter w, PositionEntity p)
    {
        w.Write(p.Identifier); w.Write(p.Ticket); w.Write(p.AccountId); w.Write(p.Symbol); w.Write(p.Type); w.Write(p.Volume);
        w.Write(p.PriceOpen); Write(w, p.StopLoss); Write(w, p.TakeProfit); w.Write(p.TimeMs); w.Write(p.TimeUpdateMs);
        w.Write(p.Magic); w.Write(p.Comment); w.Write(p.Swap); w.Write(p.SwapThroughMs); w.Write(p.Mt5PositionId);
    }

    private static PositionEntity ReadPosition(BinaryReader r, byte version)
    {
        var position = new PositionEntity
        {
            Identifier = r.ReadInt64(), Ticket = r.ReadInt64(), AccountId = r.ReadInt64(), Symbol = r.ReadString(), Type = r.ReadInt32(),
            Volume = r.ReadDecimal(), PriceOpen = r.ReadDecimal(), StopLoss = ReadNullable(r), TakeProfit = ReadNullable(r),
            TimeMs = r.ReadInt64(), TimeUpdateMs = r.ReadInt64(), Magic = r.ReadInt64(), Comment = r.ReadString(),
        };
        if (version >= 4)
        {
            (position.Swap, position.SwapThroughMs) = (r.ReadDecimal(), r.ReadInt64());
        }

        if (version >= 5)
        {
            position.Mt5PositionId = r.ReadInt64();
        }

        return position;
    }

    private static void Write(BinaryWriter w, AccountEntity a)
    {
        w.Write(a.AccountId); w.Write(a.Name); w.Write(a.Currency); w.Write(a.CurrencyDigits); w.Write(a.Leverage); w.Write(a.MarginMode);
        w.Write(a.TradingState); w.Write(a.Balance); w.Write(a.Credit); w.Write(a.MarginCallLevel); w.Write(a.StopOutLevel);
        w.Write(a.TimeCreatedMs); w.Write(a.MaxOrderVolume); w.Write(a.MaxPositionVolume); w.Write(a.MaxOpenOrders);
        w.Write(a.MaxOrdersPerSecond); w.Write(a.Closed); w.Write(a.StopOutMode); w.Write(a.MarginCall); w.Write(a.Commissions);
        w.Write(a.Venue); w.Write(a.Mt5Login);
    }

    private static AccountEntity ReadAccount(BinaryReader r, byte version)
    {
        var account = new AccountEntity
        {
            AccountId = r.ReadInt64(), Name = r.ReadString(), Currency = r.ReadString(), CurrencyDigits = r.ReadInt32(), Leverage = r.ReadInt32(),
            MarginMode = r.ReadInt32(), TradingState = r.ReadInt32(), Balance = r.ReadDecimal(), Credit = r.ReadDecimal(),
            MarginCallLevel = r.ReadDecimal(), StopOutLevel = r.ReadDecimal(), TimeCreatedMs = r.ReadInt64(), MaxOrderVolume = r.ReadDecimal(),
            MaxPositionVolume = r.ReadDecimal(), MaxOpenOrders = r.ReadInt32(), MaxOrdersPerSecond = r.ReadInt32(), Closed = r.ReadBoolean(),
        };
        if (version >= 2)
        {
            (account.StopOutMode, account.MarginCall) = (r.ReadInt32(), r.ReadBoolean());
        }

        if (version >= 3)
        {
            account.Commissions = r.ReadString();
        }

        if (version >= 5)
        {
            (account.Venue, account.Mt5Login) = (r.ReadInt32(), r.ReadInt64());
        }

        return account;
    }

    private static void Write(BinaryWriter writer, decimal? value)
    {
        writer.Write(value.HasValue);
        if (value is { } present)
        {
            writer.Write(present);
        }
    }

    private static decimal? ReadNullable(BinaryReader reader) => reader.ReadBoolean() ? reader.ReadDecimal() : null;
}
