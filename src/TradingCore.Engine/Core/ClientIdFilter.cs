namespace TradingCore.Engine.Core;

/// <summary>
/// A Bloom filter of (account, client order id) pairs: it answers "certainly never added" or "maybe added" (about
/// 1% false "maybe" at its capacity, more beyond). The engine keeps the ids it forgot from its idempotency window in
/// such filters, so a new client order id (the common case) is decided without a storage read.
/// The hash is fixed (FNV-1a, then a 64-bit finalizer), never the process's randomized string hash, so a filter
/// answers the same in every run.
/// One thread adds; <see cref="Seal"/> publishes what it added to readers on other threads.
/// </summary>
public sealed class ClientIdFilter
{
    private const int BitsPerEntry = 10;
    private const int Probes = 7;
    private const long MaxBits = 1L << 33; // 1 GiB of bits: 800 M entries at the nominal rate

    private readonly ulong[] _words;
    private readonly long _bitMask;
    private long _count;
    private int _sealed;

    /// <param name="capacity">Entries the filter holds at its nominal false-positive rate.</param>
    public ClientIdFilter(long capacity)
    {
        Capacity = Math.Max(capacity, 1_024);
        var bits = 64L;
        while (bits < Capacity * BitsPerEntry && bits < MaxBits)
        {
            bits <<= 1;
        }

        _words = new ulong[bits / 64];
        _bitMask = bits - 1;
    }

    /// <summary>Entries the filter holds at its nominal false-positive rate.</summary>
    public long Capacity { get; }

    /// <summary>Entries added so far.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>Whether <see cref="Capacity"/> entries were added (a new filter should take the next ones).</summary>
    public bool IsFull => Count >= Capacity;

    /// <summary>Whether the adding thread has finished (see <see cref="Seal"/>).</summary>
    public bool IsSealed => Volatile.Read(ref _sealed) != 0;

    /// <summary>Memory held by the filter's bits.</summary>
    public long Bytes => _words.LongLength * sizeof(ulong);

    /// <summary>Adds a pair (one thread only).</summary>
    public void Add(long accountId, string clientOrderId)
    {
        var hash = Hash(accountId, clientOrderId);
        var step = (hash >> 32) | 1;
        for (var probe = 0; probe < Probes; probe++)
        {
            var bit = (long)(hash & (ulong)_bitMask);
            _words[bit >> 6] |= 1UL << (int)(bit & 63);
            hash += step;
        }

        Interlocked.Increment(ref _count);
    }

    /// <summary>False when the pair was certainly never added; true when it may have been.</summary>
    public bool MightContain(long accountId, string clientOrderId)
    {
        var hash = Hash(accountId, clientOrderId);
        var step = (hash >> 32) | 1;
        for (var probe = 0; probe < Probes; probe++)
        {
            var bit = (long)(hash & (ulong)_bitMask);
            if ((_words[bit >> 6] & (1UL << (int)(bit & 63))) == 0)
            {
                return false;
            }

            hash += step;
        }

        return true;
    }

    /// <summary>Publishes every <see cref="Add"/> made so far to readers on other threads; the adding thread is done.</summary>
    public void Seal() => Volatile.Write(ref _sealed, 1);

    /// <summary>The pair's 64-bit hash (also the idempotency window's key for recently forgotten ids).</summary>
    internal static ulong Hash(long accountId, string clientOrderId)
    {
        const ulong prime = 1_099_511_628_211UL;
        var hash = 14_695_981_039_346_656_037UL ^ (ulong)accountId;
        hash *= prime;
        foreach (var character in clientOrderId)
        {
            hash = (hash ^ character) * prime;
        }

        // splitmix64's finalizer spreads FNV's weak low bits over the whole word.
        hash ^= hash >> 30;
        hash *= 0xBF58_476D_1CE4_E5B9UL;
        hash ^= hash >> 27;
        hash *= 0x94D0_49BB_1331_11EBUL;
        return hash ^ (hash >> 31);
    }
}
