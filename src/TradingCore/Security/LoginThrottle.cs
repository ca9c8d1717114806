using System.Collections.Concurrent;
using TradingCore.Configuration;
using TradingCore.Hosting;

namespace TradingCore.Security;

/// <summary>
/// Failure backoff for logins, per remote address and per key id (known or not, so a lockout says nothing about
/// which keys exist). After <see cref="AuthOptions.LoginFailuresPerAddress"/> consecutive failures from an address,
/// or <see cref="AuthOptions.LoginFailuresPerKey"/> against one key id from anywhere, further logins for that address
/// or key are refused without checking the secret for 1 s, then 2 s, 4 s, ... up to the configured maximum; a
/// successful login clears both counters. The per-key threshold is higher and its wait shorter because anyone who
/// knows a key id could otherwise lock its bot out. Thread-safe; bounded memory (idle entries are dropped).
/// </summary>
internal sealed class LoginThrottle(TradingCoreOptions options, TimeProvider time)
{
    /// <summary>Entries kept before idle ones are swept.</summary>
    private const int MaxEntries = 100_000;

    private static readonly TimeSpan IdleAfter = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>How long the caller must wait before trying again, or null when the login may proceed.</summary>
    public TimeSpan? RetryAfter(string keyId, string address)
    {
        var nowMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        var wait = Math.Max(Remaining(AddressKey(address), nowMs), Remaining(KeyKey(keyId), nowMs));
        return wait > 0 ? TimeSpan.FromMilliseconds(wait) : null;
    }

    public void Failed(string keyId, string address)
    {
        var auth = options.Auth;
        var nowMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        Count(AddressKey(address), auth.LoginFailuresPerAddress, auth.LoginLockoutMaxSecondsPerAddress, nowMs);
        Count(KeyKey(keyId), auth.LoginFailuresPerKey, auth.LoginLockoutMaxSecondsPerKey, nowMs);
        if (_entries.Count > MaxEntries)
        {
            Sweep(nowMs);
        }
    }

    public void Succeeded(string keyId, string address)
    {
        _entries.TryRemove(AddressKey(address), out _);
        _entries.TryRemove(KeyKey(keyId), out _);
    }

    private void Count(string key, int threshold, int maxSeconds, long nowMs)
    {
        _entries.AddOrUpdate(
            key,
            static (_, state) => Next(new Entry(0, 0, state.NowMs), state.Threshold, state.MaxSeconds, state.NowMs),
            static (_, entry, state) => Next(entry, state.Threshold, state.MaxSeconds, state.NowMs),
            (Threshold: Math.Max(1, threshold), MaxSeconds: Math.Max(1, maxSeconds), NowMs: nowMs));
    }

    private static Entry Next(Entry entry, int threshold, int maxSeconds, long nowMs)
    {
        var failures = entry.Failures + 1;
        if (failures < threshold)
        {
            return new Entry(failures, entry.LockedUntilMs, nowMs);
        }

        // 1 s at the threshold, doubling with every further failure, capped.
        var exponent = Math.Min(failures - threshold, 30);
        var seconds = Math.Min(1L << exponent, maxSeconds);
        return new Entry(failures, nowMs + (seconds * 1000), nowMs);
    }

    private long Remaining(string key, long nowMs) => _entries.TryGetValue(key, out var entry) ? Math.Max(0, entry.LockedUntilMs - nowMs) : 0;

    private void Sweep(long nowMs)
    {
        foreach (var (key, entry) in _entries)
        {
            if (entry.LockedUntilMs <= nowMs && nowMs - entry.LastFailureMs > IdleAfter.TotalMilliseconds)
            {
                _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
            }
        }
    }

    private static string AddressKey(string address) => "ip:" + address;

    private static string KeyKey(string keyId) => "key:" + keyId;

    private readonly record struct Entry(int Failures, long LockedUntilMs, long LastFailureMs);
}
