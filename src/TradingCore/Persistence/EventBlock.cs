using TradingCore.Persistence.Entities;

namespace TradingCore.Persistence;

/// <summary>
/// The encoding of an <see cref="EventBlockEntity"/>: one account's trade events of one projector transaction as one
/// blob, so storing them is one B-tree insert per account and transaction instead of two per event (the row and its
/// (account, sequence) index entry of table trade_events). Each event is four unsigned LEB128 varints, the sequence's
/// increase over the previous event's (the first's over <see cref="EventBlockEntity.FirstSequence"/>, so 0), the
/// time's change (zigzag) over the previous (the first's over <see cref="EventBlockEntity.FirstTimeMs"/>), the
/// payload kind and the payload's length, then the payload.
/// </summary>
internal static class EventBlock
{
    /// <summary>One stored event; <see cref="Payload"/> is a slice of the block's records.</summary>
    public readonly record struct Stored(long Sequence, long TimeMs, int Kind, ReadOnlyMemory<byte> Payload);

    /// <summary>
    /// Records of a block stay under this size: a larger array would be allocated on the large object heap, which is
    /// only collected with gen 2 (one block per account and transaction of up to 4,096 events made ~4 MB/s of such
    /// arrays under load, docs/benchmarks.md); an account's events of a transaction beyond it take several blocks.
    /// </summary>
    public const int MaxRecordBytes = 64 * 1024;

    /// <summary>The block of <paramref name="events"/>: one account's, in increasing sequence order, at least one.</summary>
    public static EventBlockEntity Encode(IReadOnlyList<TradeEventEntity> events) => Encode(events, 0, events.Count);

    /// <summary>
    /// The blocks of <paramref name="events"/> (one account's, in increasing sequence order), each holding as many
    /// consecutive events as fit in <see cref="MaxRecordBytes"/> (an event larger than that alone in its block).
    /// </summary>
    public static IEnumerable<EventBlockEntity> EncodeAll(IReadOnlyList<TradeEventEntity> events)
    {
        var start = 0;
        var size = 0;
        for (var index = 0; index < events.Count; index++)
        {
            var added = index == start ? Size(events[index], events[index]) : Size(events[index - 1], events[index]);
            if (index > start && size + added > MaxRecordBytes)
            {
                yield return Encode(events, start, index - start);
                (start, added) = (index, Size(events[index], events[index]));
                size = 0;
            }

            size += added;
        }

        if (events.Count > start)
        {
            yield return Encode(events, start, events.Count - start);
        }
    }

    private static EventBlockEntity Encode(IReadOnlyList<TradeEventEntity> events, int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfZero(count);
        var first = events[start];
        var size = 0;
        var previous = first;
        for (var index = start; index < start + count; index++)
        {
            var row = events[index];
            if (row.AccountId != first.AccountId || (index > start && row.Sequence <= previous.Sequence))
            {
                throw new ArgumentException($"a block holds one account's events in increasing sequence order (event {row.Sequence} of account {row.AccountId})", nameof(events));
            }

            size += Size(previous, row);
            previous = row;
        }

        var records = new byte[size];
        var at = 0;
        previous = first;
        for (var index = start; index < start + count; index++)
        {
            var row = events[index];
            at = Write(records, at, (ulong)(row.Sequence - previous.Sequence));
            at = Write(records, at, ZigZag(row.TimeMs - previous.TimeMs));
            at = Write(records, at, (uint)row.Kind);
            at = Write(records, at, (ulong)row.Payload.Length);
            row.Payload.CopyTo(records, at);
            at += row.Payload.Length;
            previous = row;
        }

        return new EventBlockEntity
        {
            AccountId = first.AccountId,
            FirstSequence = first.Sequence,
            LastSequence = previous.Sequence,
            Count = count,
            FirstTimeMs = first.TimeMs,
            LastTimeMs = previous.TimeMs,
            Records = records,
        };
    }

    /// <summary>The encoded size of <paramref name="row"/> following <paramref name="previous"/> in a block (itself when it is the first).</summary>
    private static int Size(TradeEventEntity previous, TradeEventEntity row) =>
        Length((ulong)(row.Sequence - previous.Sequence)) + Length(ZigZag(row.TimeMs - previous.TimeMs)) + Length((uint)row.Kind)
        + Length((ulong)row.Payload.Length) + row.Payload.Length;

    /// <summary>The block's events in order; a block that does not decode to exactly what its columns say is refused as corrupt.</summary>
    public static List<Stored> Decode(EventBlockEntity block)
    {
        var events = new List<Stored>(block.Count);
        var records = block.Records;
        long sequence = block.FirstSequence, time = block.FirstTimeMs;
        var at = 0;
        while (at < records.Length)
        {
            sequence = checked(sequence + (long)Read(block, ref at));
            time = checked(time + UnZigZag(Read(block, ref at)));
            var kind = (int)Math.Min(Read(block, ref at), int.MaxValue);
            var length = Read(block, ref at);
            if (length > (ulong)(records.Length - at))
            {
                throw Corrupt(block, "a payload runs past the end");
            }

            events.Add(new Stored(sequence, time, kind, records.AsMemory(at, (int)length)));
            at += (int)length;
        }

        if (events.Count != block.Count || sequence != block.LastSequence || time != block.LastTimeMs)
        {
            throw Corrupt(block, $"it decodes to {events.Count} events ending at sequence {sequence}");
        }

        return events;
    }

    private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    private static long UnZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);

    private static int Length(ulong value)
    {
        var length = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            length++;
        }

        return length;
    }

    private static int Write(byte[] into, int at, ulong value)
    {
        while (value >= 0x80)
        {
            into[at++] = (byte)(value | 0x80);
            value >>= 7;
        }

        into[at++] = (byte)value;
        return at;
    }

    private static ulong Read(EventBlockEntity block, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (at >= block.Records.Length)
            {
                throw Corrupt(block, "a varint runs past the end");
            }

            var part = block.Records[at++];
            value |= (ulong)(part & 0x7F) << shift;
            if (part < 0x80)
            {
                return value;
            }
        }

        throw Corrupt(block, "a varint is longer than 10 bytes");
    }

    private static InvalidDataException Corrupt(EventBlockEntity block, string why) =>
        new($"event block (account {block.AccountId}, last sequence {block.LastSequence}) is corrupt: {why}");
}
