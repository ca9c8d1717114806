using System.Reflection;
using Microsoft.Data.Sqlite;
using TradingCore.Configuration;
using TradingCore.Persistence;
using TradingCore.Persistence.Entities;

namespace TradingCore.Tests;

/// <summary>
/// The projection binds every value of every row into SQLite's statements by position and type
/// (<see cref="SqliteRowBinder"/>); EF Core reads those rows. Both stores of this test write the same batches, one
/// through the projection's binder and one through EF Core's own change tracking (<see cref="EfJournalStore"/>): every
/// stored value of every table must be identical, storage class included. Each entity is filled with distinct random
/// values for all its columns, so a value bound to the wrong column or with the wrong type shows.
/// </summary>
public sealed class ProjectionStoreTests
{
    [Fact]
    public void The_projection_stores_every_column_exactly_as_EF_Core_does()
    {
        using var bound = new TempDirectory();
        using var tracked = new TempDirectory();
        var random = new Random(21);
        var batches = Batches(random);

        var viaBinder = Write(bound.Path, connection => new SqliteJournalStore(connection), batches);
        var viaEfCore = Write(tracked.Path, connection => new EfJournalStore(connection), batches);

        Assert.Equal(5, viaEfCore.Count);
        foreach (var (table, rows) in viaEfCore)
        {
            Assert.NotEmpty(rows);
            Assert.Equal(rows, viaBinder[table]);
        }
    }

    private static List<JournalBatch> Batches(Random random)
    {
        var account = Fill(new AccountEntity(), random);
        account.AccountId = 7;
        var first = new JournalBatch();
        first.Accounts[7] = (true, account);
        for (var index = 1; index <= 20; index++)
        {
            var order = Fill(new OrderEntity(), random);
            (order.Ticket, order.AccountId) = (index, 7);
            first.Orders[(ulong)index] = (true, order);
            var deal = Fill(new DealEntity(), random);
            (deal.Ticket, deal.AccountId, deal.Mt5DealTicket) = (1_000 + index, 7, index % 2 == 0 ? 0 : index);
            first.Deals.Add(deal);
            var position = Fill(new PositionEntity(), random);
            (position.Identifier, position.AccountId) = (index, 7);
            first.Positions[(ulong)index] = (false, false, position);
            first.Events.Add(new TradeEventEntity { Sequence = index, AccountId = 7, TimeMs = index, Kind = 1, Payload = [(byte)index, 1, 2] });
        }

        first.SetCounters(new EngineStateEntity { LastOrderTicket = 20, LastDealTicket = 1_020, LastSequence = 20, JournalSeq = 1 });

        // A second transaction updates what the first inserted: orders change state, positions change or close.
        var second = new JournalBatch();
        var changed = Fill(new AccountEntity(), random);
        changed.AccountId = 7;
        second.Accounts[7] = (false, changed);
        for (var index = 1; index <= 20; index += 2)
        {
            var order = Fill(new OrderEntity(), random);
            (order.Ticket, order.AccountId, order.ClientOrderId) = (index, 7, first.Orders[(ulong)index].Row.ClientOrderId);
            second.Orders[(ulong)index] = (false, order);
            var position = Fill(new PositionEntity(), random);
            (position.Identifier, position.AccountId) = (index, 7);
            second.Positions[(ulong)index] = (true, index % 4 == 1, position);
        }

        second.SetCounters(new EngineStateEntity { LastOrderTicket = 20, LastDealTicket = 1_020, LastSequence = 20, JournalSeq = 2 });
        return [first, second];
    }

    private static Dictionary<string, List<string>> Write(string directory, Func<SqliteConnection, IJournalStore> store, List<JournalBatch> batches)
    {
        var database = new SqliteDatabase(new TradingCoreOptions { DataDirectory = directory });
        database.Initialize();
        using (var connection = database.OpenWriterConnection())
        using (var writer = store(connection))
        {
            batches.ForEach(writer.Commit);
        }

        using var reader = new SqliteConnection(database.ConnectionString);
        reader.Open();
        var tables = new Dictionary<string, List<string>>();
        foreach (var (table, key) in ((string, string)[])[("accounts", "AccountId"), ("orders", "Ticket"), ("deals", "Ticket"), ("positions", "Identifier"), ("engine_state", "Id")])
        {
            using var columns = new SqliteCommand($"SELECT group_concat('quote(\"' || name || '\")', ' || ''|'' || ') FROM pragma_table_info('{table}')", reader);
            using var select = new SqliteCommand($"SELECT {columns.ExecuteScalar()} FROM \"{table}\" ORDER BY \"{key}\"", reader);
            using var rows = select.ExecuteReader();
            var values = new List<string>();
            while (rows.Read())
            {
                values.Add(rows.GetString(0));
            }

            tables[table] = values;
        }

        return tables;
    }

    /// <summary>Every settable column a distinct random value of its type (nullable decimals null a third of the time).</summary>
    private static T Fill<T>(T entity, Random random)
    {
        decimal Money() => new decimal(random.Next(), random.Next(1_000), 0, random.Next(2) == 0, (byte)random.Next(0, 11));
        foreach (var property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(property => property.CanWrite))
        {
            object? value = property.PropertyType switch
            {
                var type when type == typeof(long) => random.NextInt64(-(1L << 40), 1L << 40),
                var type when type == typeof(int) => random.Next(-1_000, 1_000),
                var type when type == typeof(bool) => random.Next(2) == 0,
                var type when type == typeof(decimal) => Money(),
                var type when type == typeof(decimal?) => random.Next(3) == 0 ? null : Money(),
                var type when type == typeof(string) => $"v{random.Next()} \u00fc\u20ac",
                var type => throw new InvalidOperationException($"no random {type.Name}"),
            };
            property.SetValue(entity, value);
        }

        return entity;
    }
}
