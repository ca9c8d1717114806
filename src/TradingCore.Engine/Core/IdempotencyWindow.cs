using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Core;

/// <summary>
/// Bounds the decided orders the idempotency index keeps in memory. Working orders always stay; decided ones
/// (filled, cancelled, rejected, expired) queue in the order they were decided, and beyond the capacity the
/// oldest are forgotten, but only once storage holds their final state (their step's last event sequence is at or
/// below what storage has reached). A forgotten id goes into a Bloom filter and raises its account's
/// <see cref="AccountBook.ForgottenThrough"/>; a later request with an id the window lacks is then decided from
/// storage (<see cref="Commands.OutcomeKind.RecallNeeded"/>) unless the filters say it was never forgotten.
/// Unbounded (the default) it never forgets: an engine without storage behaves as before.
/// </summary>
internal sealed class IdempotencyWindow
{
    /// <summary>Entries the first runtime filter holds; each next one holds twice its predecessor's (few filters to probe).</summary>
    private const long FirstFilterLayer = 1L << 20;

    /// <summary>Ids forgotten most recently, kept with the sequence they were forgotten at (see <see cref="ForgottenSince"/>).</summary>
    private const int RecentCapacity = 16_384;

    private readonly Queue<Entry> _decided = new();
    private readonly List<Entry> _unstamped = [];
    private readonly List<ClientIdFilter> _forgotten = [];
    // Keyed by the pair's 64-bit hash, not the id: holding each forgotten id's string for ~RecentCapacity orders
    // carried one string per order into gen 2. Two pairs sharing a hash only make ForgottenSince answer true for
    // both (the later sequence wins, and an entry leaves only with the sequence it holds): a needless storage read.
    private readonly Dictionary<ulong, ulong> _recent;
    private readonly Queue<(ulong Pair, ulong Sequence)> _recentOrder;
    private readonly int _capacity;

    /// <summary>Every id forgotten with a sequence above this is in <see cref="_recent"/>.</summary>
    private ulong _recentFloor;

    private readonly record struct Entry(AccountBook Book, string ClientOrderId, ulong Ticket, ulong Sequence);

    public IdempotencyWindow(int capacity)
    {
        _capacity = capacity;
        if (IsBounded)
        {
            // Everything forgetting needs is allocated now, with the engine: large arrays allocated at the first
            // forgets, once trading runs, are what starts an early full collection (docs/architecture.md).
            _recent = new Dictionary<ulong, ulong>(RecentCapacity);
            _recentOrder = new Queue<(ulong, ulong)>(RecentCapacity);
            _forgotten.Add(new ClientIdFilter(FirstFilterLayer));
        }
        else
        {
            _recent = [];
            _recentOrder = new();
        }
    }

    /// <summary>The ids forgotten before this start (stored orders not loaded), filled by the host from storage; null when there are none.</summary>
    public ClientIdFilter? Stored { get; set; }

    public bool IsBounded => _capacity < int.MaxValue;

    /// <summary>Decided orders held in memory.</summary>
    public int Count => _decided.Count + _unstamped.Count;

    /// <summary>Whether <see cref="Forget"/> has something to do.</summary>
    public bool IsOverCapacity => _decided.Count > _capacity;

    /// <summary>An order was decided in the current step (stamped with the step's last sequence at <see cref="Stamp"/>).</summary>
    public void Decided(AccountBook book, Order order)
    {
        if (IsBounded)
        {
            _unstamped.Add(new(book, order.ClientOrderId, order.Ticket, 0));
        }
    }

    /// <summary>A decided order loaded at startup (already in storage).</summary>
    public void Restored(AccountBook book, Order order)
    {
        if (IsBounded)
        {
            _decided.Enqueue(new(book, order.ClientOrderId, order.Ticket, 0));
        }
    }

    /// <summary>The step ended with event <paramref name="sequence"/>: storage holds its orders once it reaches it.</summary>
    public void Stamp(ulong sequence)
    {
        foreach (var entry in _unstamped)
        {
            _decided.Enqueue(entry with { Sequence = sequence });
        }

        _unstamped.Clear();
    }

    /// <summary>Forgets the oldest decided orders beyond the capacity that storage holds (events up to <paramref name="storedThrough"/>).</summary>
    public int Forget(ulong storedThrough)
    {
        var forgotten = 0;
        while (_decided.Count > _capacity && _decided.Peek().Sequence <= storedThrough)
        {
            var entry = _decided.Dequeue();
            var book = entry.Book;
            if (!book.OrdersByClientId.TryGetValue(entry.ClientOrderId, out var order) || order.Ticket != entry.Ticket || order.IsWorking)
            {
                continue;
            }

            book.OrdersByClientId.Remove(entry.ClientOrderId);
            book.ForgottenThrough = Math.Max(book.ForgottenThrough, Math.Max(entry.Sequence, 1));
            if (_forgotten[^1].IsFull)
            {
                _forgotten.Add(new ClientIdFilter(FirstFilterLayer << Math.Min(_forgotten.Count, 10)));
            }

            _forgotten[^1].Add(book.Account.AccountId, entry.ClientOrderId);
            RememberRecent(book.Account.AccountId, entry.ClientOrderId, Math.Max(entry.Sequence, 1));
            forgotten++;
        }

        return forgotten;
    }

    /// <summary>
    /// Whether the id may have been forgotten after storage was read at <paramref name="checkedThrough"/> (a read
    /// covers every order stored up to that sequence): false when the recent ids say it certainly was not, so that
    /// read still answers for it even though the account forgot other orders meanwhile; true when it was, or when
    /// the recent ids no longer reach back that far.
    /// </summary>
    public bool ForgottenSince(long accountId, string clientOrderId, ulong checkedThrough) =>
        checkedThrough < _recentFloor
        || (_recent.TryGetValue(ClientIdFilter.Hash(accountId, clientOrderId), out var sequence) && sequence > checkedThrough);

    private void RememberRecent(long accountId, string clientOrderId, ulong sequence)
    {
        if (_recentOrder.Count == RecentCapacity)
        {
            var oldest = _recentOrder.Dequeue();
            if (_recent.TryGetValue(oldest.Pair, out var held) && held == oldest.Sequence)
            {
                _recent.Remove(oldest.Pair);
            }

            _recentFloor = Math.Max(_recentFloor, oldest.Sequence);
        }

        var pair = ClientIdFilter.Hash(accountId, clientOrderId);
        _recentOrder.Enqueue((pair, sequence));
        _recent[pair] = Math.Max(sequence, _recent.GetValueOrDefault(pair));
    }

    /// <summary>False when the id was certainly never forgotten (neither at runtime nor before this start).</summary>
    public bool MightHaveForgotten(long accountId, string clientOrderId)
    {
        if (Stored is { } stored && (!stored.IsSealed || stored.MightContain(accountId, clientOrderId)))
        {
            return true;
        }

        foreach (var filter in _forgotten)
        {
            if (filter.MightContain(accountId, clientOrderId))
            {
                return true;
            }
        }

        return false;
    }
}
