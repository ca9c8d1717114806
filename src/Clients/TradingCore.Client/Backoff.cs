namespace TradingCore.Client;

/// <summary>
/// Exponential backoff with "equal jitter": attempt n waits between half and all of min(max, initial * 2^(n-1)),
/// so reconnecting bots do not hit a restarted server in lockstep. A server's RetryInfo wins when it is longer.
/// </summary>
internal static class Backoff
{
    public static TimeSpan Delay(RetryOptions options, int attempt, TimeSpan? serverHint = null)
    {
        var exponent = Math.Min(Math.Max(attempt - 1, 0), 20);
        var ceiling = Math.Min(options.MaxBackoff.TotalMilliseconds, options.InitialBackoff.TotalMilliseconds * Math.Pow(2, exponent));
        var delay = TimeSpan.FromMilliseconds((ceiling / 2) + (Random.Shared.NextDouble() * ceiling / 2));
        return serverHint is { } hint && hint > delay ? hint : delay;
    }

    public static Task WaitAsync(TimeProvider time, TimeSpan delay, CancellationToken cancellationToken) =>
        delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, time, cancellationToken);
}
