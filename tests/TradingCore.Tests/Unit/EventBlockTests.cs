using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using TradingCore.Configuration;
using TradingCore.Persistence;
using TradingCore.Persistence.Entities;

namespace TradingCore.Tests;

/// <summary>
/// Trade events are stored as one block per account and projector transaction (<see cref="EventBlock"/>): a block
/// decodes to exactly the events written, in order; a damaged block is refused instead of replaying wrong events;
/// and the stream's replay reads blocks and the one-row-per-event history of older versions as one sequence.
/// </summary>
public sealed class EventBlockTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void A_block_decodes_to_the_events_encoded()
    {
        var random = new Random(12);
        for (var round = 0; round < 200; round++)
        {
            var events = new List<TradeEventEntity>();
            long sequence = random.NextInt64(1, long.MaxValue / 2), time = random.NextInt64(0, 4_000_000_000_000);
            for (var index = random.Next(1, 40); index > 0; index--)
            {
                var payload = new byte[random.Next(0, 300)];
                random.NextBytes(payload);
                events.Add(new TradeEventEntity { Sequence = sequence, AccountId = 77, TimeMs = time, Kind = random.Next(1, 5), Payload = payload });
                sequence += random.Next(1, 3) == 1 ? 1 : random.NextInt64(2, 1L << 40);
                time += random.NextInt64(-5_000, 1L << 36); // a merged batch's clock readings need not be monotone
            }

            var block = EventBlock.Encode(events);
            var decoded = EventBlock.Decode(block);

            Assert.Equal((77L, events[0].Sequence, events[^1].Sequence, events.Count), (block.AccountId, block.FirstSequence, block.LastSequence, block.Count));
            Assert.Equal(events.Select(row => (row.Sequence, row.TimeMs, row.Kind, Convert.ToHexString(row.Payload))),
                decoded.Select(stored => (stored.Sequence, stored.TimeMs, stored.Kind, Convert.ToHexString(stored.Payload.Span))));
        }
    }

    [Fact]
    public void An_accounts_events_take_as_few_blocks_as_stay_off_the_large_object_heap()
    {
        var random = new Random(5);
        var events = Enumerable.Range(1, 3_000).Select(sequence =>
        {
            var payload = new byte[sequence == 1_500 ? EventBlock.MaxRecordBytes + 10 : random.Next(50, 200)]; // one event larger than a block
            random.NextBytes(payload);
            return new TradeEventEntity { Sequence = sequence * 3, AccountId = 9, TimeMs = 1_000 + sequence, Kind = 1, Payload = payload };
        }).ToList();

        var blocks = EventBlock.EncodeAll(events).ToList();

        Assert.InRange(blocks.Count, 1 + (events.Sum(row => row.Payload.Length) / EventBlock.MaxRecordBytes), 12);
        Assert.All(blocks, block => Assert.True(block.Records.Length <= EventBlock.MaxRecordBytes || block.Count == 1, $"{block.Records.Length} bytes in {block.Count} events"));
        Assert.Contains(blocks, block => block.Count == 1 && block.FirstSequence == 4_500);
        Assert.Equal(events.Select(row => (row.Sequence, row.TimeMs, Convert.ToHexString(row.Payload))),
            blocks.SelectMany(EventBlock.Decode).Select(stored => (stored.Sequence, stored.TimeMs, Convert.ToHexString(stored.Payload.Span))));
        Assert.True(blocks.Zip(blocks.Skip(1)).All(pair => pair.First.LastSequence < pair.Second.FirstSequence));
    }

    [Fact]
    public void Events_out_of_order_or_of_two_accounts_are_refused()
    {
        TradeEventEntity Row(long sequence, long account = 1) => new() { Sequence = sequence, AccountId = account, TimeMs = 1, Kind = 1, Payload = [1] };

        Assert.Throws<ArgumentException>(() => EventBlock.Encode([Row(5), Row(5)]));
        Assert.Throws<ArgumentException>(() => EventBlock.Encode([Row(5), Row(4)]));
        Assert.Throws<ArgumentException>(() => EventBlock.Encode([Row(5), Row(6, account: 2)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => EventBlock.Encode([]));
    }

    [Fact]
    public void A_damaged_block_is_refused()
    {
        var block = EventBlock.Encode([
            new TradeEventEntity { Sequence = 10, AccountId = 1, TimeMs = 100, Kind = 1, Payload = [1, 2, 3] },
            new TradeEventEntity { Sequence = 11, AccountId = 1, TimeMs = 101, Kind = 2, Payload = [4, 5] },
        ]);

        EventBlockEntity With(Action<EventBlockEntity> change)
        {
            var copy = new EventBlockEntity
            {
                AccountId = block.AccountId, FirstSequence = block.FirstSequence, LastSequence = block.LastSequence, Count = block.Count,
                FirstTimeMs = block.FirstTimeMs, LastTimeMs = block.LastTimeMs, Records = [.. block.Records],
            };
            change(copy);
            return copy;
        }

        Assert.Throws<InvalidDataException>(() => EventBlock.Decode(With(copy => copy.Records = copy.Records[..^1])));
        Assert.Throws<InvalidDataException>(() => EventBlock.Decode(With(copy => copy.Records = [.. copy.Records, 0, 0, 0, 0])));
        Assert.Throws<InvalidDataException>(() => EventBlock.Decode(With(copy => copy.Count = 3)));
        Assert.Throws<InvalidDataException>(() => EventBlock.Decode(With(copy => copy.LastSequence = 12)));
        Assert.Throws<InvalidDataException>(() => EventBlock.Decode(With(copy => copy.Records[3] = 200))); // first payload length
        Assert.Throws<InvalidDataException>(() => EventBlock.Decode(With(copy => copy.Records = [.. Enumerable.Repeat((byte)0xFF, 11)])));
    }

    [Fact]
    public async Task Replay_reads_blocks_and_older_rows_as_one_sequence_per_account()
    {
        using var data = new TempDirectory();
        var database = new SqliteDatabase(new TradingCoreOptions { DataDirectory = data.Path });
        database.Initialize();

        // What a version before event blocks stored: one row per event (sequences 1-4, accounts 1 and 2).
        await using (var context = database.CreateContext())
        {
            context.TradeEvents.AddRange(Enumerable.Range(1, 4).Select(sequence => Event(sequence, account: sequence % 2 == 0 ? 2 : 1)));
            await context.SaveChangesAsync(Token);
        }

        // Then three projector transactions of this version, the second with both accounts' events interleaved.
        using (var connection = database.OpenWriterConnection())
        using (var store = new SqliteJournalStore(connection))
        {
            foreach (var sequences in (int[][])[[5, 6], [7, 8, 9, 10, 11], [12]])
            {
                var batch = new JournalBatch();
                batch.Events.AddRange(sequences.Select(sequence => Event(sequence, account: sequence is 8 or 10 ? 2 : 1)));
                store.Commit(batch);
            }
        }

        await using var reader = database.CreateContext();
        async Task<string> Page(long account, ulong after, int limit) => string.Join(",",
            (await HistoryReader.EventsPageAsync(reader, account, after, limit, Token)).Select(stored =>
            {
                Assert.Equal(Event((long)stored.Sequence, account).Payload, stored.Payload.ToArray());
                return stored.Sequence;
            }));

        Assert.Equal("1,3,5,6,7,9,11,12", await Page(1, 0, 100));
        Assert.Equal("2,4,8,10", await Page(2, 0, 100));
        Assert.Equal("1,3,5", await Page(1, 0, 3));
        Assert.Equal("6,7,9", await Page(1, 5, 3)); // resumes inside the first block, ends inside the second
        Assert.Equal("9,11,12", await Page(1, 7, 10));
        Assert.Equal("10", await Page(2, 8, 10));
        Assert.Equal("", await Page(1, 12, 10));
        Assert.Equal("", await Page(3, 0, 10));
        using var count = new SqliteCommand("SELECT count(*) FROM event_blocks", reader.Database.GetDbConnection() as SqliteConnection);
        await reader.Database.OpenConnectionAsync(Token);
        Assert.Equal(4L, (long)(await count.ExecuteScalarAsync(Token))!); // one block per account and transaction
    }

    private static TradeEventEntity Event(long sequence, long account) =>
        new() { Sequence = sequence, AccountId = account, TimeMs = 1_700_000_000_000 + sequence, Kind = (int)(sequence % 4) + 1, Payload = [(byte)sequence, (byte)account, 42] };
}
