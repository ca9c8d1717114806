using Grpc.Core;
using Grpc.Net.Client;
using TradingCore.Contracts.V1;

namespace TradingCore.LoadHarness;

/// <summary>
/// Anonymous clients that try to log in with wrong secrets, each on its own connection, against the bot's own key
/// id and random ones: what a password-guessing attacker does. Each client sends <c>ratePerClient</c> attempts a
/// second (open loop), or as fast as the server answers when it is 0 (closed loop).
/// </summary>
internal static class LoginFlood
{
    public static async Task<(long Attempts, long Unauthenticated, long BackedOff, long Other)> RunAsync(Uri address, string targetKeyId, int clients, double ratePerClient, TimeSpan duration)
    {
        long attempts = 0, unauthenticated = 0, backedOff = 0, other = 0;
        using var stop = new CancellationTokenSource(duration);
        var workers = Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            using var channel = GrpcChannel.ForAddress(address);
            var auth = new Auth.AuthClient(channel);
            var random = new Random(client);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            for (long sent = 0; !stop.IsCancellationRequested; sent++)
            {
                if (ratePerClient > 0)
                {
                    var due = TimeSpan.FromSeconds(sent / ratePerClient) - System.Diagnostics.Stopwatch.GetElapsedTime(started);
                    if (due > TimeSpan.Zero)
                    {
                        try
                        {
                            await Task.Delay(due, stop.Token);
                        }
                        catch (OperationCanceledException)
                        {
                            break;
                        }
                    }
                }

                var keyId = random.Next(2) == 0 ? targetKeyId : $"tck_{random.NextInt64():x16}";
                try
                {
                    await auth.LoginAsync(new LoginRequest { KeyId = keyId, Secret = $"guess-{random.NextInt64()}" }, cancellationToken: stop.Token);
                }
                catch (RpcException error) when (error.StatusCode == StatusCode.Unauthenticated)
                {
                    Interlocked.Increment(ref unauthenticated);
                }
                catch (RpcException error) when (error.StatusCode == StatusCode.ResourceExhausted)
                {
                    Interlocked.Increment(ref backedOff);
                }
                catch (RpcException error) when (error.StatusCode == StatusCode.Cancelled)
                {
                    break;
                }
                catch (RpcException)
                {
                    Interlocked.Increment(ref other);
                }

                Interlocked.Increment(ref attempts);
            }
        })).ToArray();
        await Task.WhenAll(workers);
        return (attempts, unauthenticated, backedOff, other);
    }
}
