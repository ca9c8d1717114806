using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Grpc.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using TradingCore.Contracts.V1;

namespace TradingCore.LoadHarness;

/// <summary>
/// The comparison server: the same gRPC methods and message shapes as the core, doing nothing. SubmitOrder answers a
/// fixed filled result; TradeSession acknowledges each request; StreamTicks is a bare server stream of the ticks
/// that arrive as lines on a raw TCP ingress (one response per line, numbered). It exists only in this harness.
/// </summary>
internal static class EchoHost
{
    public static async Task RunAsync(int port, int ingressPort)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<TickBroadcast>();
        builder.Services.AddSingleton<Grpc.HealthCheck.HealthServiceImpl>();
        var app = builder.Build();
        app.MapGrpcService<EchoOrders>();
        app.MapGrpcService<EchoMarketData>();
        app.MapGrpcService<Grpc.HealthCheck.HealthServiceImpl>();
        app.Services.GetRequiredService<Grpc.HealthCheck.HealthServiceImpl>().SetStatus(string.Empty, Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving);
        var broadcast = app.Services.GetRequiredService<TickBroadcast>();
        var ingress = Task.Run(() => broadcast.AcceptAsync(ingressPort, app.Lifetime.ApplicationStopping));
        await app.RunAsync();
        await ingress;
    }

    /// <summary>Fans each ingress line out to every subscriber as a numbered tick (bounded, drop-oldest queues).</summary>
    internal sealed class TickBroadcast
    {
        private readonly Lock _gate = new();
        private Channel<StreamTicksResponse>[] _subscribers = [];
        private ulong _sequence;

        public Channel<StreamTicksResponse> Subscribe()
        {
            var channel = Channel.CreateBounded<StreamTicksResponse>(new BoundedChannelOptions(1024) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest });
            lock (_gate)
            {
                _subscribers = [.. _subscribers, channel];
            }

            return channel;
        }

        public void Unsubscribe(Channel<StreamTicksResponse> channel)
        {
            lock (_gate)
            {
                _subscribers = [.. _subscribers.Where(candidate => candidate != channel)];
            }
        }

        public async Task AcceptAsync(int port, CancellationToken stopping)
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            try
            {
                while (!stopping.IsCancellationRequested)
                {
                    var client = await listener.AcceptTcpClientAsync(stopping);
                    _ = Task.Run(() => ReadAsync(client, stopping), stopping);
                }
            }
            catch (OperationCanceledException)
            {
            }
            finally
            {
                listener.Stop();
            }
        }

        private async Task ReadAsync(TcpClient client, CancellationToken stopping)
        {
            using (client)
            using (var reader = new StreamReader(client.GetStream()))
            {
                while (await reader.ReadLineAsync(stopping) is { } line)
                {
                    if (!line.Contains("\"tick\"", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    var response = new StreamTicksResponse { Tick = new Tick { Symbol = "EURUSD", Sequence = ++_sequence, TimeMs = 1, Bid = new Contracts.V1.Decimal { Units = 1, Nanos = 100_000_000 }, Ask = new Contracts.V1.Decimal { Units = 1, Nanos = 100_100_000 }, Flags = 6 } };
                    foreach (var subscriber in Volatile.Read(ref _subscribers))
                    {
                        subscriber.Writer.TryWrite(response);
                    }
                }
            }
        }
    }

    private sealed class EchoOrders : Orders.OrdersBase
    {
        public override Task<SubmitOrderResponse> SubmitOrder(SubmitOrderRequest request, ServerCallContext context) =>
            Task.FromResult(new SubmitOrderResponse { Result = Result(request), Order = new Order { Ticket = 1, AccountId = request.AccountId, ClientOrderId = request.ClientOrderId, Symbol = request.Symbol, Type = request.Type, State = OrderState.Filled, VolumeInitial = request.Volume } });

        public override async Task TradeSession(IAsyncStreamReader<TradeSessionRequest> requestStream, IServerStreamWriter<TradeSessionResponse> responseStream, ServerCallContext context)
        {
            await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
            {
                var response = request.RequestCase == TradeSessionRequest.RequestOneofCase.Open
                    ? new TradeSessionResponse { RequestId = request.RequestId, Opened = new TradeSessionOpened { AccountId = request.Open.AccountId } }
                    : new TradeSessionResponse { RequestId = request.RequestId, Ack = Result(request.Submit) };
                await responseStream.WriteAsync(response, context.CancellationToken);
            }
        }

        private static TradeResult Result(SubmitOrderRequest? request) => new()
        {
            Retcode = TradeRetcode.Done,
            Message = "order filled",
            OrderTicket = 1,
            DealTicket = 2,
            PositionTicket = 1,
            Volume = request?.Volume,
            Price = new Contracts.V1.Decimal { Units = 1, Nanos = 100_100_000 },
            ClientOrderId = request?.ClientOrderId ?? string.Empty,
        };
    }

    private sealed class EchoMarketData(TickBroadcast broadcast) : MarketData.MarketDataBase
    {
        public override async Task StreamTicks(StreamTicksRequest request, IServerStreamWriter<StreamTicksResponse> responseStream, ServerCallContext context)
        {
            var channel = broadcast.Subscribe();
            try
            {
                await responseStream.WriteAsync(new StreamTicksResponse { SnapshotComplete = new SnapshotComplete() }, context.CancellationToken);
                await foreach (var tick in channel.Reader.ReadAllAsync(context.CancellationToken))
                {
                    await responseStream.WriteAsync(tick, context.CancellationToken);
                }
            }
            catch (OperationCanceledException)
            {
            }
            finally
            {
                broadcast.Unsubscribe(channel);
            }
        }
    }
}
