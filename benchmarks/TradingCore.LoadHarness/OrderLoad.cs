using System.Diagnostics;
using System.Threading.Channels;
using Grpc.Core;
using TradingCore.Contracts.V1;

namespace TradingCore.LoadHarness;

/// <summary>
/// Order traffic against a server (the core or the echo host): closed-loop maximum throughput over unary calls or
/// pipelined trade sessions, and open-loop latency (requests sent on a fixed schedule; latency counted from the
/// intended send time, so a stall shows up in the percentiles instead of slowing the sender).
/// </summary>
internal sealed class OrderLoad(CallInvoker invoker, string runId)
{
    private long _next;

    /// <summary>A market order of 0.01 lot; buys and sells alternate so the netting position stays near flat.</summary>
    public SubmitOrderRequest NextOrder()
    {
        var n = Interlocked.Increment(ref _next);
        return new SubmitOrderRequest
        {
            AccountId = 1001,
            ClientOrderId = $"{runId}-{n}",
            Symbol = "EURUSD",
            Type = (n & 1) == 0 ? OrderType.Buy : OrderType.Sell,
            Volume = new Contracts.V1.Decimal { Units = 0, Nanos = 10_000_000 },
        };
    }

    /// <summary><paramref name="concurrency"/> callers each sending the next order as soon as the previous is answered.</summary>
    public async Task<(long Completed, Latency Latency, long Rejected)> UnaryClosedLoopAsync(int concurrency, TimeSpan duration)
    {
        var client = new Orders.OrdersClient(invoker);
        var latency = new Latency();
        long completed = 0;
        long rejected = 0;
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < end)
            {
                var started = Stopwatch.GetTimestamp();
                var reply = await client.SubmitOrderAsync(NextOrder());
                latency.RecordSince(started, Stopwatch.GetTimestamp());
                Interlocked.Increment(ref completed);
                if (reply.Result.Retcode != TradeRetcode.Done)
                {
                    Interlocked.Increment(ref rejected);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        return (completed, latency, rejected);
    }

    /// <summary>
    /// <paramref name="sessions"/> trade sessions, each keeping <paramref name="window"/> requests in flight
    /// (pipelined: the next request goes out when an acknowledgement comes back).
    /// </summary>
    public async Task<(long Completed, Latency Latency, long Rejected)> SessionClosedLoopAsync(int sessions, int window, TimeSpan duration)
    {
        var latency = new Latency();
        long completed = 0;
        long rejected = 0;
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, sessions).Select(_ => Task.Run(async () =>
        {
            using var call = new Orders.OrdersClient(invoker).TradeSession();
            await call.RequestStream.WriteAsync(new TradeSessionRequest { RequestId = 0, Open = new TradeSessionOpen { AccountId = 1001 } });
            var sentAt = new Dictionary<ulong, long>();
            var credits = Channel.CreateBounded<bool>(window);
            for (var slot = 0; slot < window; slot++)
            {
                credits.Writer.TryWrite(true);
            }

            ulong requestId = 0;
            var reader = Task.Run(async () =>
            {
                await foreach (var response in call.ResponseStream.ReadAllAsync())
                {
                    if (response.ResponseCase != TradeSessionResponse.ResponseOneofCase.Ack)
                    {
                        continue;
                    }

                    long started;
                    lock (sentAt)
                    {
                        sentAt.Remove(response.RequestId, out started);
                    }

                    latency.RecordSince(started, Stopwatch.GetTimestamp());
                    Interlocked.Increment(ref completed);
                    if (response.Ack.Retcode != TradeRetcode.Done)
                    {
                        Interlocked.Increment(ref rejected);
                    }

                    credits.Writer.TryWrite(true);
                }
            });
            while (Stopwatch.GetTimestamp() < end)
            {
                await credits.Reader.ReadAsync();
                var id = ++requestId;
                lock (sentAt)
                {
                    sentAt[id] = Stopwatch.GetTimestamp();
                }

                await call.RequestStream.WriteAsync(new TradeSessionRequest { RequestId = id, Submit = NextOrder() });
            }

            // Let the last window of acknowledgements arrive, then end the session.
            for (var slot = 0; slot < window; slot++)
            {
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await credits.Reader.ReadAsync(wait.Token);
            }

            await call.RequestStream.CompleteAsync();
            await reader;
        })).ToArray();
        await Task.WhenAll(workers);
        return (completed, latency, rejected);
    }

    /// <summary>Unary orders sent at <paramref name="rate"/> per second for <paramref name="duration"/>, open loop.</summary>
    public async Task<(long Completed, Latency Latency, long Rejected, long Failed)> UnaryOpenLoopAsync(double rate, TimeSpan duration)
    {
        var client = new Orders.OrdersClient(invoker);
        var latency = new Latency();
        long completed = 0;
        long rejected = 0;
        long failed = 0;
        var pending = new List<Task>();
        await Schedule.RunAsync(rate, duration, intended =>
        {
            var call = client.SubmitOrderAsync(NextOrder());
            pending.Add(call.ResponseAsync.ContinueWith(
                reply =>
                {
                    latency.RecordSince(intended, Stopwatch.GetTimestamp());
                    if (reply.IsCompletedSuccessfully)
                    {
                        Interlocked.Increment(ref completed);
                        if (reply.Result.Result.Retcode != TradeRetcode.Done)
                        {
                            Interlocked.Increment(ref rejected);
                        }
                    }
                    else
                    {
                        Interlocked.Increment(ref failed);
                    }
                },
                TaskScheduler.Default));
        });
        await Task.WhenAll(pending);
        return (completed, latency, rejected, failed);
    }
}

/// <summary>
/// An open-loop schedule: message i is due at start + i/rate. A dedicated thread wakes every millisecond and sends
/// everything due (it never spins: on 2 cores a spinning sender would steal a core from the server). Latency is
/// counted from the due time, so the schedule's granularity (at most about 1 ms) is part of every figure, the
/// echo's included, and a server stall can never hide behind a sender that waits.
/// </summary>
internal static class Schedule
{
    public static Task RunAsync(double rate, TimeSpan duration, Action<long> send) => Task.Factory.StartNew(
        () =>
        {
            var total = (long)(rate * duration.TotalSeconds);
            var interval = Stopwatch.Frequency / rate;
            var start = Stopwatch.GetTimestamp();
            for (long index = 0; index < total;)
            {
                var now = Stopwatch.GetTimestamp();
                var due = start + (long)(index * interval);
                if (due > now)
                {
                    Thread.Sleep(1);
                    continue;
                }

                while (index < total && start + (long)(index * interval) <= now)
                {
                    send(start + (long)(index * interval));
                    index++;
                }
            }
        },
        CancellationToken.None,
        TaskCreationOptions.LongRunning,
        TaskScheduler.Default);
}
