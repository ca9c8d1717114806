using System.Net.Http;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using TradingCore.Contracts.V1;

namespace TradingCore.Client;

/// <summary>
/// A Trading Core connection with what every bot otherwise writes by hand: login and token refresh, deadlines on
/// every unary call, safe retries (reads, and orders under their client order id), typed exceptions for gRPC
/// errors and typed outcomes for trade rejections, and tick / trade-event streams that reconnect and resume.
/// Thread-safe: create one per server and share it. The generated service clients are exposed too (they carry
/// the access token but no retries).
/// </summary>
public sealed partial class TradingCoreClient : IDisposable
{
    private readonly TradingCoreClientOptions _options;
    private readonly AccessTokenKeeper _tokens;
    private readonly FailoverCallInvoker? _failover;
    private readonly IReadOnlyList<GrpcChannel> _ownedChannels = [];

    /// <summary>Connects to <paramref name="address"/>, e.g. "http://127.0.0.1:50051" (h2c) or an https address.</summary>
    public TradingCoreClient(string address)
        : this(new TradingCoreClientOptions { Address = new Uri(address) })
    {
    }

    /// <summary>
    /// Connects to <see cref="TradingCoreClientOptions.Endpoints"/> with channels of its own: one address, or several
    /// endpoints of one deployment that it follows (<see cref="TradingCoreClientOptions.Addresses"/>).
    /// </summary>
    public TradingCoreClient(TradingCoreClientOptions options)
        : this(OwnChannels(options), options)
    {
    }

    /// <summary>Uses an existing channel (the caller keeps ownership unless <paramref name="ownsChannel"/>).</summary>
    public TradingCoreClient(GrpcChannel channel, TradingCoreClientOptions? options = null, bool ownsChannel = false)
        : this(channel.CreateCallInvoker(), options ?? new TradingCoreClientOptions(), ownsChannel ? [channel] : [])
    {
    }

    private TradingCoreClient(IReadOnlyList<GrpcChannel> channels, TradingCoreClientOptions options)
        : this(channels.Count == 1 ? channels[0].CreateCallInvoker() : new FailoverCallInvoker([.. channels.Select(channel => channel.CreateCallInvoker())]), options, channels)
    {
    }

    private TradingCoreClient(CallInvoker transport, TradingCoreClientOptions options, IReadOnlyList<GrpcChannel> ownedChannels)
    {
        ArgumentNullException.ThrowIfNull(transport);
        _options = options;
        _tokens = new AccessTokenKeeper(_options) { Auth = new Auth.AuthClient(transport) };
        _ownedChannels = ownedChannels;
        _failover = transport as FailoverCallInvoker;
        var invoker = transport.Intercept(new BearerTokenInterceptor(() => _tokens.Current));
        Auth = new Auth.AuthClient(invoker);
        MarketData = new MarketData.MarketDataClient(invoker);
        Orders = new Orders.OrdersClient(invoker);
        Positions = new Positions.PositionsClient(invoker);
        Accounts = new Accounts.AccountsClient(invoker);
        Admin = new Admin.AdminClient(invoker);
        Backtests = new Backtests.BacktestsClient(invoker);
    }

    /// <summary>Built by dependency injection from the typed clients of Grpc.Net.ClientFactory.</summary>
    internal TradingCoreClient(TradingCoreClientOptions options, AccessTokenKeeper tokens, ServiceClients clients)
    {
        _options = options;
        _tokens = tokens;
        Auth = clients.Auth;
        MarketData = clients.MarketData;
        Orders = clients.Orders;
        Positions = clients.Positions;
        Accounts = clients.Accounts;
        Admin = clients.Admin;
        Backtests = clients.Backtests;
    }

    /// <summary>Login and token refresh (the client calls these itself).</summary>
    public Auth.AuthClient Auth { get; }

    /// <summary>Symbols, ticks, tick streams and bars (raw generated client; the wrapper methods add retries).</summary>
    public MarketData.MarketDataClient MarketData { get; }

    /// <summary>Orders, deals, trade sessions and trade-event streams (raw generated client).</summary>
    public Orders.OrdersClient Orders { get; }

    /// <summary>Open positions (raw generated client).</summary>
    public Positions.PositionsClient Positions { get; }

    /// <summary>Account state: balance, equity, margin (raw generated client).</summary>
    public Accounts.AccountsClient Accounts { get; }

    /// <summary>Administration (admin role only).</summary>
    public Admin.AdminClient Admin { get; }

    /// <summary>Backtests: runs against history in lockstep (raw generated client; docs/backtesting.md).</summary>
    public Backtests.BacktestsClient Backtests { get; }

    /// <summary>The access token sent with every call; null before login. Setting it replaces the held token.</summary>
    public string? AccessToken
    {
        get => _tokens.Current;
        set => _tokens.Set(value is null ? null : new AccessToken { Token = value });
    }

    /// <summary>The held token with its expiry, roles and accounts; null before login.</summary>
    public AccessToken? Session => _tokens.Token;

    /// <summary>Exchanges an API key for an access token and uses it for every later call.</summary>
    public Task<AccessToken> LoginAsync(string keyId, string secret, CancellationToken cancellationToken = default) =>
        Guard(() => _tokens.LogInAsync(keyId, secret, cancellationToken), cancellationToken);

    /// <summary>
    /// Logs in with the options' API key unless a fresh token is held: call it before the first call through a raw
    /// generated client (<see cref="Backtests"/>, <see cref="Orders"/>.TradeSession, ...), which do not log in themselves.
    /// </summary>
    public async Task EnsureLoggedInAsync(CancellationToken cancellationToken = default) =>
        await Guard(async () =>
        {
            await _tokens.EnsureAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>Replaces the current access token with a fresh one for the same key.</summary>
    public Task<AccessToken> RefreshTokenAsync(CancellationToken cancellationToken = default) =>
        Guard(() => _tokens.RefreshAsync(cancellationToken), cancellationToken);

    /// <summary>Every symbol with its specification.</summary>
    public async Task<IReadOnlyList<SymbolInfo>> ListSymbolsAsync(CancellationToken cancellationToken = default) =>
        (await ReadAsync(options => MarketData.ListSymbolsAsync(new ListSymbolsRequest(), options), cancellationToken).ConfigureAwait(false)).Symbols;

    /// <summary>The latest tick of each of <paramref name="symbols"/> (every symbol when empty).</summary>
    public async Task<IReadOnlyList<Tick>> GetLastTicksAsync(IEnumerable<string> symbols, CancellationToken cancellationToken = default)
    {
        var request = new GetLastTicksRequest { Symbols = { symbols } };
        return (await ReadAsync(options => MarketData.GetLastTicksAsync(request, options), cancellationToken).ConfigureAwait(false)).Ticks;
    }

    /// <summary>Bars of a symbol and timeframe, oldest first (see GetBarsRequest for the range rules).</summary>
    public async Task<IReadOnlyList<Bar>> GetBarsAsync(GetBarsRequest request, CancellationToken cancellationToken = default) =>
        (await ReadAsync(options => MarketData.GetBarsAsync(request, options), cancellationToken).ConfigureAwait(false)).Bars;

    /// <summary>The account with live balance, equity and margin.</summary>
    public async Task<Account> GetAccountAsync(long accountId, CancellationToken cancellationToken = default) =>
        (await ReadAsync(options => Accounts.GetAccountAsync(new GetAccountRequest { AccountId = accountId }, options), cancellationToken).ConfigureAwait(false)).Account;

    /// <summary>The accounts this API key may act for, with live balance, equity and margin.</summary>
    public async Task<IReadOnlyList<Account>> ListAccountsAsync(CancellationToken cancellationToken = default) =>
        (await ReadAsync(options => Accounts.ListAccountsAsync(new ListAccountsRequest(), options), cancellationToken).ConfigureAwait(false)).Accounts;

    /// <summary>Open positions of an account (of one symbol when given).</summary>
    public async Task<IReadOnlyList<Position>> ListPositionsAsync(long accountId, string? symbol = null, CancellationToken cancellationToken = default)
    {
        var request = new ListPositionsRequest { AccountId = accountId, Symbol = symbol ?? string.Empty };
        return (await ReadAsync(options => Positions.ListPositionsAsync(request, options), cancellationToken).ConfigureAwait(false)).Positions;
    }

    /// <summary>An order by ticket, working or not; <see cref="NotFoundException"/> when the account has none.</summary>
    public async Task<Order> GetOrderAsync(long accountId, ulong orderTicket, CancellationToken cancellationToken = default)
    {
        var request = new GetOrderRequest { AccountId = accountId, OrderTicket = orderTicket };
        return (await ReadAsync(options => Orders.GetOrderAsync(request, options), cancellationToken).ConfigureAwait(false)).Order;
    }

    /// <summary>An order by its client order id (to learn what became of a request whose answer was lost).</summary>
    public async Task<Order> GetOrderAsync(long accountId, string clientOrderId, CancellationToken cancellationToken = default)
    {
        var request = new GetOrderRequest { AccountId = accountId, ClientOrderId = clientOrderId };
        return (await ReadAsync(options => Orders.GetOrderAsync(request, options), cancellationToken).ConfigureAwait(false)).Order;
    }

    /// <summary>One page of orders (working or history, see <see cref="ListOrdersRequest"/>).</summary>
    public Task<ListOrdersResponse> ListOrdersAsync(ListOrdersRequest request, CancellationToken cancellationToken = default) =>
        ReadAsync(options => Orders.ListOrdersAsync(request, options), cancellationToken);

    /// <summary>One page of deals.</summary>
    public Task<ListDealsResponse> ListDealsAsync(ListDealsRequest request, CancellationToken cancellationToken = default) =>
        ReadAsync(options => Orders.ListDealsAsync(request, options), cancellationToken);

    /// <summary>The endpoint calls go to now (with several endpoints; the only one otherwise).</summary>
    public Uri CurrentEndpoint => _options.Endpoints[_failover?.Current ?? 0];

    /// <summary>Disposes the channels this client created (a channel passed in stays open).</summary>
    public void Dispose()
    {
        foreach (var channel in _ownedChannels)
        {
            channel.Dispose();
        }
    }

    private static List<GrpcChannel> OwnChannels(TradingCoreClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return [.. options.Endpoints.Select(address => GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = CreateHandler(), DisposeHttpClient = true }))];
    }

    /// <summary>
    /// A channel for long-lived bots: HTTP/2 keep-alive pings find dead connections (so streams reconnect instead
    /// of waiting forever), idle connections are kept, and more than one connection opens when streams exceed
    /// the server's per-connection limit.
    /// </summary>
    public static GrpcChannel CreateChannel(TradingCoreClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return GrpcChannel.ForAddress(options.Address, new GrpcChannelOptions { HttpHandler = CreateHandler(), DisposeHttpClient = true });
    }

    internal static SocketsHttpHandler CreateHandler() => new()
    {
        PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
        KeepAlivePingDelay = TimeSpan.FromSeconds(20),
        KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
        EnableMultipleHttp2Connections = true,
    };

    /// <summary>A read: idempotent, so retried on transient failures.</summary>
    private Task<TResponse> ReadAsync<TResponse>(Func<CallOptions, AsyncUnaryCall<TResponse>> call, CancellationToken cancellationToken) =>
        CallAsync(call, retry: true, cancellationToken);

    /// <summary>
    /// One unary call with a deadline per attempt and a fresh token; retried with backoff on transient failures
    /// when <paramref name="retry"/> (the caller guarantees the call is idempotent). A refused token triggers one
    /// new login when the client holds an API key. Failures surface as <see cref="TradingCoreException"/>.
    /// </summary>
    private async Task<TResponse> CallAsync<TResponse>(Func<CallOptions, AsyncUnaryCall<TResponse>> call, bool retry, CancellationToken cancellationToken)
    {
        var loggedInAgain = false;
        for (var attempt = 1; ; attempt++)
        {
            string? sent = null;
            try
            {
                await _tokens.EnsureAsync(cancellationToken).ConfigureAwait(false);
                sent = _tokens.Current;
                using var pending = call(new CallOptions(deadline: Deadline(), cancellationToken: cancellationToken));
                return await pending.ResponseAsync.ConfigureAwait(false);
            }
            catch (RpcException error) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException("the call was cancelled", error, cancellationToken);
            }
            catch (RpcException error) when (error.StatusCode == StatusCode.Unauthenticated && _tokens.CanLogIn && !loggedInAgain)
            {
                loggedInAgain = true;
                _tokens.Invalidate(sent);
            }
            catch (RpcException error) when (retry && RpcFailures.IsTransient(error.StatusCode) && attempt < _options.Retry.MaxAttempts)
            {
                await Backoff.WaitAsync(_options.TimeProvider, Backoff.Delay(_options.Retry, attempt, RpcFailures.RetryAfter(error)), cancellationToken).ConfigureAwait(false);
            }
            catch (RpcException error)
            {
                throw TradingCoreException.FromRpc(error);
            }
        }
    }

    private static async Task<T> Guard<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (RpcException error) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("the call was cancelled", error, cancellationToken);
        }
        catch (RpcException error)
        {
            throw TradingCoreException.FromRpc(error);
        }
    }

    private DateTime Deadline() => DateTime.UtcNow.Add(_options.DefaultDeadline);
}

/// <summary>The generated clients a <see cref="TradingCoreClient"/> wraps (DI hands them over together).</summary>
internal sealed record ServiceClients(
    Auth.AuthClient Auth,
    MarketData.MarketDataClient MarketData,
    Orders.OrdersClient Orders,
    Positions.PositionsClient Positions,
    Accounts.AccountsClient Accounts,
    Admin.AdminClient Admin,
    Backtests.BacktestsClient Backtests);
