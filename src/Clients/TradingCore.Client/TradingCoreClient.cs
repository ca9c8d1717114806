using System.Runtime.CompilerServices;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using TradingCore.Contracts.V1;

namespace TradingCore.Client;

/// <summary>
/// One connection to a Trading Core server with its typed service clients and the calls bots make most.
/// Thread-safe; create one per server and share it. Every call takes a deadline (default
/// <see cref="DefaultTimeout"/>) and a cancellation token.
/// </summary>
public sealed class TradingCoreClient : IDisposable
{
    private readonly bool _ownsChannel;
    private volatile string? _accessToken;

    /// <summary>Connects to <paramref name="address"/>, e.g. "http://127.0.0.1:50051" (h2c) or an https address.</summary>
    public TradingCoreClient(string address)
        : this(GrpcChannel.ForAddress(address), ownsChannel: true)
    {
    }

    /// <summary>Uses an existing channel (the caller keeps ownership unless <paramref name="ownsChannel"/>).</summary>
    public TradingCoreClient(GrpcChannel channel, bool ownsChannel = false)
    {
        Channel = channel;
        _ownsChannel = ownsChannel;
        var invoker = channel.Intercept(new BearerTokenInterceptor(() => _accessToken));
        Auth = new Auth.AuthClient(invoker);
        MarketData = new MarketData.MarketDataClient(invoker);
        Orders = new Orders.OrdersClient(invoker);
        Positions = new Positions.PositionsClient(invoker);
        Accounts = new Accounts.AccountsClient(invoker);
    }

    /// <summary>Deadline applied to unary calls that do not pass one.</summary>
    public TimeSpan DefaultTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public GrpcChannel Channel { get; }

    public Auth.AuthClient Auth { get; }

    /// <summary>The access token sent with every call (set by <see cref="LoginAsync"/>); null before login.</summary>
    public string? AccessToken
    {
        get => _accessToken;
        set => _accessToken = value;
    }

    public MarketData.MarketDataClient MarketData { get; }

    public Orders.OrdersClient Orders { get; }

    public Positions.PositionsClient Positions { get; }

    public Accounts.AccountsClient Accounts { get; }

    /// <summary>Exchanges an API key for an access token and uses it for every later call.</summary>
    public async Task<AccessToken> LoginAsync(string keyId, string secret, CancellationToken cancellationToken = default)
    {
        var reply = await Auth.LoginAsync(new LoginRequest { KeyId = keyId, Secret = secret }, deadline: Deadline(), cancellationToken: cancellationToken).ConfigureAwait(false);
        _accessToken = reply.AccessToken.Token;
        return reply.AccessToken;
    }

    /// <summary>Replaces the current access token with a fresh one for the same key.</summary>
    public async Task<AccessToken> RefreshTokenAsync(CancellationToken cancellationToken = default)
    {
        var reply = await Auth.RefreshTokenAsync(new RefreshTokenRequest(), deadline: Deadline(), cancellationToken: cancellationToken).ConfigureAwait(false);
        _accessToken = reply.AccessToken.Token;
        return reply.AccessToken;
    }

    /// <summary>A new client order id: 32 hex characters, unique for practical purposes.</summary>
    public static string NewClientOrderId() => Guid.NewGuid().ToString("N");

    /// <summary>
    /// Places a market order. Pass the same <paramref name="clientOrderId"/> when retrying after a timeout: the
    /// server returns the original outcome instead of placing a second order.
    /// </summary>
    public async Task<SubmitOrderResponse> SubmitMarketOrderAsync(
        long accountId,
        string symbol,
        OrderType side,
        decimal volume,
        string? clientOrderId = null,
        CancellationToken cancellationToken = default)
    {
        if (side is not (OrderType.Buy or OrderType.Sell))
        {
            throw new ArgumentOutOfRangeException(nameof(side), side, "a market order is BUY or SELL");
        }

        var request = new SubmitOrderRequest
        {
            AccountId = accountId,
            ClientOrderId = clientOrderId ?? NewClientOrderId(),
            Symbol = symbol,
            Type = side,
            Volume = Contracts.V1.Decimal.FromDecimal(volume),
        };
        return await Orders.SubmitOrderAsync(request, deadline: Deadline(), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The account with live balance, equity and margin.</summary>
    public async Task<Account> GetAccountAsync(long accountId, CancellationToken cancellationToken = default) =>
        (await Accounts.GetAccountAsync(new GetAccountRequest { AccountId = accountId }, deadline: Deadline(), cancellationToken: cancellationToken).ConfigureAwait(false)).Account;

    /// <summary>
    /// Streams ticks of <paramref name="symbols"/> (all when empty): first the snapshot of latest ticks, then live
    /// ticks. Gap and status messages are skipped here; use <see cref="MarketData"/> directly to see them.
    /// </summary>
    public async IAsyncEnumerable<Tick> StreamTicksAsync(IEnumerable<string> symbols, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = new StreamTicksRequest();
        request.Symbols.AddRange(symbols);
        using var call = MarketData.StreamTicks(request, cancellationToken: cancellationToken);
        await foreach (var message in call.ResponseStream.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (message.PayloadCase == StreamTicksResponse.PayloadOneofCase.Tick)
            {
                yield return message.Tick;
            }
        }
    }

    public void Dispose()
    {
        if (_ownsChannel)
        {
            Channel.Dispose();
        }
    }

    private DateTime Deadline() => DateTime.UtcNow.Add(DefaultTimeout);
}
