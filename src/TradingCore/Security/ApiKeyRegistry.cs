using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TradingCore.Hosting;
using TradingCore.Persistence;
using TradingCore.Persistence.Entities;

namespace TradingCore.Security;

/// <summary>
/// The API keys: stored in table api_keys (hashes only), held in memory for the per-request revocation check.
/// Thread-safe; writes go to the database first, then to memory.
/// </summary>
internal sealed class ApiKeyRegistry(CoreDatabase database, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, ApiKeyRecord> _keys = new(StringComparer.Ordinal);
    private readonly Lock _writes = new();

    // Verifying against this when a key id is unknown makes a miss cost as much as a hit (no key probing by timing).
    private readonly string _decoy = SecretHasher.Hash(SecretHasher.NewSecret());

    public int Count => _keys.Count;

    /// <summary>Loads every key from storage; called once at startup after migrations.</summary>
    public void Load()
    {
        using var context = database.CreateContext();
        foreach (var row in context.ApiKeys.AsNoTracking())
        {
            _keys[row.KeyId] = ToRecord(row);
        }
    }

    public IReadOnlyList<ApiKeyRecord> List() => [.. _keys.Values.OrderBy(key => key.CreatedMs).ThenBy(key => key.KeyId, StringComparer.Ordinal)];

    public ApiKeyRecord? Get(string keyId) => _keys.GetValueOrDefault(keyId);

    /// <summary>True while the key exists and is not revoked (checked on every authenticated call).</summary>
    public bool IsActive(string keyId) => _keys.TryGetValue(keyId, out var key) && key.IsActive;

    /// <summary>The key when id and secret match an active key; null otherwise (with equal cost either way).</summary>
    public ApiKeyRecord? Authenticate(string keyId, string secret)
    {
        if (!_keys.TryGetValue(keyId, out var key))
        {
            SecretHasher.Verify(secret, _decoy);
            return null;
        }

        if (!SecretHasher.Verify(secret, key.SecretHash) || !key.IsActive)
        {
            return null;
        }

        return SecretHasher.NeedsUpgrade(key.SecretHash) ? Rehash(key, secret) : key;
    }

    /// <summary>Replaces a hash of an earlier scheme after the secret was verified (upgrade on use).</summary>
    private ApiKeyRecord Rehash(ApiKeyRecord key, string secret)
    {
        lock (_writes)
        {
            if (!_keys.TryGetValue(key.KeyId, out var current) || !SecretHasher.NeedsUpgrade(current.SecretHash))
            {
                return current ?? key;
            }

            var upgraded = current with { SecretHash = SecretHasher.Hash(secret) };
            using var context = database.CreateContext();
            context.ApiKeys.Update(ToEntity(upgraded));
            context.SaveChanges();
            _keys[key.KeyId] = upgraded;
            return upgraded;
        }
    }

    /// <summary>Creates a key; returns it with its secret, which exists only in this return value.</summary>
    public (ApiKeyRecord Key, string Secret) Issue(string name, IReadOnlyList<string> roles, IReadOnlyList<long> accountIds)
    {
        var issued = Prepare(name, roles, accountIds);
        Store(issued.Key);
        return issued;
    }

    /// <summary>A new key and its secret, not stored yet (<see cref="Store"/>): the caller first puts the secret somewhere safe.</summary>
    public (ApiKeyRecord Key, string Secret) Prepare(string name, IReadOnlyList<string> roles, IReadOnlyList<long> accountIds)
    {
        var secret = SecretHasher.NewSecret();
        return (new ApiKeyRecord(SecretHasher.NewKeyId(), name, roles, accountIds, SecretHasher.Hash(secret), time.GetUtcNow().ToUnixTimeMilliseconds(), 0), secret);
    }

    /// <summary>Stores prepared keys in one transaction: all of them or none.</summary>
    public void Store(params ApiKeyRecord[] keys)
    {
        lock (_writes)
        {
            using var context = database.CreateContext();
            context.ApiKeys.AddRange(keys.Select(ToEntity));
            context.SaveChanges();
            foreach (var key in keys)
            {
                _keys[key.KeyId] = key;
            }
        }
    }

    /// <summary>Revokes a key at once: logins fail and its tokens are refused from the next call. Null when unknown.</summary>
    public ApiKeyRecord? Revoke(string keyId)
    {
        lock (_writes)
        {
            if (!_keys.TryGetValue(keyId, out var key))
            {
                return null;
            }

            if (!key.IsActive)
            {
                return key;
            }

            var revoked = key with { RevokedMs = time.GetUtcNow().ToUnixTimeMilliseconds() };
            using var context = database.CreateContext();
            context.ApiKeys.Update(ToEntity(revoked));
            context.SaveChanges();
            _keys[keyId] = revoked;
            return revoked;
        }
    }

    private static ApiKeyRecord ToRecord(ApiKeyEntity row) => new(
        row.KeyId,
        row.Name,
        row.Roles.Split(',', StringSplitOptions.RemoveEmptyEntries),
        [.. row.AccountIds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(id => long.Parse(id, CultureInfo.InvariantCulture))],
        row.SecretHash,
        row.CreatedMs,
        row.RevokedMs);

    private static ApiKeyEntity ToEntity(ApiKeyRecord key) => new()
    {
        KeyId = key.KeyId,
        Name = key.Name,
        Roles = string.Join(',', key.Roles),
        AccountIds = string.Join(',', key.AccountIds.Select(id => id.ToString(CultureInfo.InvariantCulture))),
        SecretHash = key.SecretHash,
        CreatedMs = key.CreatedMs,
        RevokedMs = key.RevokedMs,
    };
}
