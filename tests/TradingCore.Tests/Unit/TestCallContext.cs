using Grpc.Core;

namespace TradingCore.Tests.Unit;

/// <summary>
/// A ServerCallContext for calling a gRPC service's methods directly, without a server (grpc-dotnet's
/// TestServerCallContext idea): a peer, a deadline far away, empty headers, and the test's cancellation.
/// </summary>
internal sealed class TestCallContext(CancellationToken cancellationToken) : ServerCallContext
{
    private readonly Metadata _responseTrailers = [];
    private readonly AuthContext _auth = new(null, []);
    private Status _status;
    private WriteOptions? _writeOptions;

    protected override string MethodCore => "test";

    protected override string HostCore => "127.0.0.1";

    protected override string PeerCore => "ipv4:127.0.0.1:1";

    protected override DateTime DeadlineCore => DateTime.MaxValue;

    protected override Metadata RequestHeadersCore { get; } = [];

    protected override CancellationToken CancellationTokenCore => cancellationToken;

    protected override Metadata ResponseTrailersCore => _responseTrailers;

    protected override Status StatusCore
    {
        get => _status;
        set => _status = value;
    }

    protected override WriteOptions? WriteOptionsCore
    {
        get => _writeOptions;
        set => _writeOptions = value;
    }

    protected override AuthContext AuthContextCore => _auth;

    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) =>
        throw new NotSupportedException("no propagation in service unit tests");

    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
}
