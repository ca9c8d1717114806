using Npgsql;

namespace TradingCore.Persistence;

/// <summary>
/// Which core trades on a PostgreSQL store. The lease is a session-level advisory lock held on a connection of its
/// own (PostgreSQL releases it the moment that session ends: a core killed with -9 loses it at once), and taking it
/// raises the epoch in table core_lease, the fencing token: every journal append and projection transaction of
/// the holder checks it (<see cref="Journal.PostgresJournalAppender"/>, <see cref="PostgresJournalStore"/>), so a core
/// whose session was lost while it was still running can never commit again once another took over. A standby
/// waits for the lock, polling every <c>interval</c>; the holder checks its session and the epoch as often, takes
/// its session again after a dropped connection if nobody took over meanwhile, and reports a loss.
/// </summary>
/// <param name="connectionString">The store's connection string (the lease's session is opened unpooled).</param>
/// <param name="holder">How this core is named in core_lease.</param>
/// <param name="interval">How often a standby tries the lock and the holder checks it still holds it (and renews it).</param>
/// <param name="takeoverAfter">
/// A standby ends the holder's lease session (and so takes the lease) when the holder has not renewed it for this
/// long: a hung core (frozen process, stalled VM) keeps its connection open and would otherwise keep the lease.
/// Zero: never.
/// </param>
internal sealed class PostgresLease(string connectionString, string holder, TimeSpan interval, TimeSpan takeoverAfter = default) : IAsyncDisposable
{
    /// <summary>The advisory lock's key ("TCLEASE1"); advisory locks are per database, so one per store.</summary>
    private const long LockKey = 0x5443_4C45_4153_4531;

    private readonly CancellationTokenSource _stop = new();
    private NpgsqlConnection? _session;
    private Task? _watch;

    /// <summary>The epoch this core holds (0 before it took the lease).</summary>
    public long Epoch { get; private set; }

    /// <summary>
    /// Takes the lease. When another core holds it: waits as a standby if <paramref name="wait"/> (reporting the
    /// holder once through <paramref name="waiting"/>), else throws <see cref="LeaseLostException"/> naming it.
    /// <paramref name="lost"/> is called once if the lease is lost later.
    /// </summary>
    public async Task<long> AcquireAsync(bool wait, Action<string> waiting, Action<Exception> lost, CancellationToken cancellationToken)
    {
        var reported = false;
        while (true)
        {
            try
            {
                if (_session is null)
                {
                    await OpenSessionAsync(cancellationToken).ConfigureAwait(false);
                }

                if (await TryLockAsync(cancellationToken).ConfigureAwait(false))
                {
                    break;
                }

                var current = await HolderAsync(cancellationToken).ConfigureAwait(false);
                if (!wait)
                {
                    throw new LeaseLostException($"another core holds this database's lease ({current}); run this one with TradingCore:HighAvailability:Standby=true to wait for it as a standby");
                }

                if (!reported)
                {
                    waiting(current);
                    reported = true;
                }

                if (takeoverAfter > TimeSpan.Zero && await EndHungHolderAsync(cancellationToken).ConfigureAwait(false) is { } ended)
                {
                    waiting($"{current}: not renewed for {ended} ms, its lease session was ended");
                }
            }
            catch (NpgsqlException) when (wait)
            {
                // The server went away while waiting: a new session on the next round.
                await ResetSessionAsync().ConfigureAwait(false);
            }

            await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
        }

        await using (var take = new NpgsqlCommand($"UPDATE \"core_lease\" SET \"Epoch\" = \"Epoch\" + 1, \"Holder\" = $1, \"AcquiredAtMs\" = {ServerNowMs}, \"RenewedAtMs\" = {ServerNowMs}, \"SessionPid\" = pg_backend_pid() WHERE \"Id\" = 1 RETURNING \"Epoch\"", _session))
        {
            take.Parameters.Add(new NpgsqlParameter { Value = holder });
            Epoch = (long)(await take.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        _watch = Task.Run(() => WatchAsync(lost), CancellationToken.None);
        return Epoch;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_watch is not null)
        {
            await _watch.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await ResetSessionAsync().ConfigureAwait(false); // ending the session releases the lock
        _stop.Dispose();
    }

    /// <summary>
    /// Checks the session and the epoch every interval. A session that broke (a server restart, a dropped connection)
    /// is taken again when nobody else took the lease meanwhile: the lock is free again and the epoch is still this
    /// core's. A renewal that only timed out keeps its session (and so the lock). A raised epoch, or
    /// <see cref="ReconnectAttempts"/> failed renewals in a row, is the loss.
    /// </summary>
    private async Task WatchAsync(Action<Exception> lost)
    {
        var failures = 0;
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, _stop.Token).ConfigureAwait(false);
                if (_session is null)
                {
                    await OpenSessionAsync(_stop.Token).ConfigureAwait(false);
                    if (!await TryLockAsync(_stop.Token).ConfigureAwait(false))
                    {
                        lost(new LeaseLostException("this core's session with the store ended and another core holds the lease now"));
                        return;
                    }
                }

                // Renewed only while the epoch is still this core's (and by this session, which holds the lock).
                await using var renew = new NpgsqlCommand($"UPDATE \"core_lease\" SET \"RenewedAtMs\" = {ServerNowMs}, \"SessionPid\" = pg_backend_pid() WHERE \"Id\" = 1 AND \"Epoch\" = $1 RETURNING \"Epoch\"", _session);
                renew.Parameters.Add(new NpgsqlParameter { Value = Epoch });
                renew.CommandTimeout = Math.Max(1, (int)Math.Ceiling(interval.TotalSeconds * 4));
                if (await renew.ExecuteScalarAsync(_stop.Token).ConfigureAwait(false) is null)
                {
                    lost(new LeaseLostException($"another core took this database's lease (this core held epoch {Epoch})"));
                    return;
                }

                failures = 0;
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error) when (error is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                // A renewal that timed out on a session that is still open (a slow or busy server, a row lock, a
                // stalled process) keeps that session: it still holds the lock, and closing it would hand the lease
                // to a standby while this core trades on. Only a broken session is replaced.
                if (_session is not { FullState: System.Data.ConnectionState.Open })
                {
                    await ResetSessionAsync().ConfigureAwait(false);
                }

                if (++failures >= ReconnectAttempts)
                {
                    lost(new LeaseLostException($"the session holding this database's lease was lost and could not be taken again ({error.Message})", error));
                    return;
                }
            }
        }
    }

    /// <summary>The database server's clock in UTC epoch ms (one clock for every core, whatever theirs say).</summary>
    private const string ServerNowMs = "(extract(epoch from clock_timestamp()) * 1000)::bigint";

    /// <summary>
    /// Ends the holder's lease session when it has not renewed the lease for <c>takeoverAfter</c> (a hung core);
    /// returns how long it had not, or null when it is alive. Its appends and projections are fenced once this core
    /// raises the epoch, and it stops itself when it wakes and finds its session gone.
    /// </summary>
    private async Task<long?> EndHungHolderAsync(CancellationToken cancellationToken)
    {
        await using var stale = new NpgsqlCommand(
            $"SELECT {ServerNowMs} - \"RenewedAtMs\", \"SessionPid\" FROM \"core_lease\" WHERE \"Id\" = 1 AND \"SessionPid\" <> 0 AND {ServerNowMs} - \"RenewedAtMs\" > $1",
            _session);
        stale.Parameters.Add(new NpgsqlParameter { Value = (long)takeoverAfter.TotalMilliseconds });
        long silentMs;
        int pid;
        await using (var reader = await stale.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            (silentMs, pid) = (reader.GetInt64(0), reader.GetInt32(1));
        }

        await using var end = new NpgsqlCommand("SELECT pg_terminate_backend($1)", _session);
        end.Parameters.Add(new NpgsqlParameter { Value = pid });
        await end.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return silentMs;
    }

    /// <summary>Intervals a holder tries to take its lease's session again before it gives the lease up.</summary>
    private const int ReconnectAttempts = 5;

    private async Task OpenSessionAsync(CancellationToken cancellationToken)
    {
        // Unpooled: closing it must end the session (and so release the lock), never park it in a pool.
        _session = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        await _session.OpenAsync(cancellationToken).ConfigureAwait(false);
        // A killed core's socket is closed by its kernel and the server ends the session at once; a core cut off by
        // the network is not. The server then notices the dead peer by its TCP timeouts, which default to hours, and
        // the lock would stay held: this session's are set short, so the server ends it (and a standby can take the
        // lease) within about SessionTimeoutSeconds, idle or not.
        await using var timeouts = new NpgsqlCommand(
            $"SET tcp_keepalives_idle = {KeepaliveIdleSeconds}; SET tcp_keepalives_interval = 1; SET tcp_keepalives_count = {SessionTimeoutSeconds - KeepaliveIdleSeconds}; SET tcp_user_timeout = {SessionTimeoutSeconds * 1000}",
            _session);
        await timeouts.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>How long the server waits on an unresponsive lease session before it ends it (and releases the lease).</summary>
    internal const int SessionTimeoutSeconds = 5;

    private const int KeepaliveIdleSeconds = 2;

    /// <summary>A setting of the lease's own session, as the server sees it (tests).</summary>
    internal async Task<string> SessionSettingAsync(string name)
    {
        await using var show = new NpgsqlCommand($"SHOW {name}", _session);
        return (string)(await show.ExecuteScalarAsync().ConfigureAwait(false))!;
    }

    private async Task<bool> TryLockAsync(CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", _session);
        command.Parameters.Add(new NpgsqlParameter { Value = LockKey });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private async Task<string> HolderAsync(CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT \"Holder\" || ', epoch ' || \"Epoch\" FROM \"core_lease\" WHERE \"Id\" = 1", _session);
        return (string?)await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) ?? "unknown";
    }

    private async Task ResetSessionAsync()
    {
        if (_session is not null)
        {
            await _session.DisposeAsync().ConfigureAwait(false);
            _session = null;
        }
    }
}
