using Grpc.Health.V1;
using Grpc.Reflection.V1;
using Microsoft.Extensions.DependencyInjection;
using TradingCore.Contracts.V1;

namespace TradingCore.Tests;

/// <summary>What operators see with grpcurl: reflection (v1 and v1alpha), health, and the symbol list.</summary>
public sealed class ServerSurfaceTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly string[] Services =
    [
        "trading.v1.MarketData", "trading.v1.Orders", "trading.v1.Positions", "trading.v1.Accounts",
        "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection",
    ];

    [Fact]
    public async Task ReflectionV1_ListsEveryService()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        using var call = new ServerReflection.ServerReflectionClient(server.Channel).ServerReflectionInfo(cancellationToken: Token);

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" }, Token);
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(Token));

        var names = call.ResponseStream.Current.ListServicesResponse.Service.Select(service => service.Name).ToList();
        Assert.Superset(Services.ToHashSet(), names.ToHashSet());
    }

    [Fact]
    public async Task ReflectionV1Alpha_DescribesTheOrdersService()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        var client = new global::Grpc.Reflection.V1Alpha.ServerReflection.ServerReflectionClient(server.Channel);
        using var call = client.ServerReflectionInfo(cancellationToken: Token);

        await call.RequestStream.WriteAsync(new global::Grpc.Reflection.V1Alpha.ServerReflectionRequest { FileContainingSymbol = "trading.v1.Orders" }, Token);
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(Token));

        var files = call.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto
            .Select(bytes => Google.Protobuf.Reflection.FileDescriptorProto.Parser.ParseFrom(bytes))
            .ToList();
        var orders = Assert.Single(files, file => file.Name == "trading/v1/orders.proto");
        Assert.Contains(orders.Service.Single().Method, method => method.Name == "SubmitOrder");
    }

    [Fact]
    public async Task ReflectionV1_ServesTheProtoCommentsForDescribe()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        using var call = new ServerReflection.ServerReflectionClient(server.Channel).ServerReflectionInfo(cancellationToken: Token);

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { FileContainingSymbol = "trading.v1.SubmitOrderRequest" }, Token);
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(Token));

        var files = call.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto
            .Select(bytes => Google.Protobuf.Reflection.FileDescriptorProto.Parser.ParseFrom(bytes))
            .ToList();
        var orders = Assert.Single(files, file => file.Name == "trading/v1/orders.proto");
        var comments = orders.SourceCodeInfo.Location.Select(location => location.LeadingComments).ToList();
        Assert.Contains(comments, comment => comment.Contains("Places a market or pending order", StringComparison.Ordinal));
        Assert.Contains(comments, comment => comment.Contains("Idempotency key chosen by the client", StringComparison.Ordinal));
    }

    /// <summary>
    /// The error-detail types the services attach (a malformed order's BadRequest, a busy engine's RetryInfo) resolve
    /// through reflection, in both versions, so grpcurl shows field violations instead of "is not recognized".
    /// </summary>
    [Theory]
    [InlineData("google.rpc.BadRequest")]
    [InlineData("google.rpc.RetryInfo")]
    [InlineData("google.rpc.Status")]
    public async Task Reflection_ResolvesTheErrorDetailTypes(string symbol)
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        using var v1 = new ServerReflection.ServerReflectionClient(server.Channel).ServerReflectionInfo(cancellationToken: Token);
        using var v1Alpha = new global::Grpc.Reflection.V1Alpha.ServerReflection.ServerReflectionClient(server.Channel).ServerReflectionInfo(cancellationToken: Token);

        await v1.RequestStream.WriteAsync(new ServerReflectionRequest { FileContainingSymbol = symbol }, Token);
        await v1.RequestStream.CompleteAsync();
        await v1Alpha.RequestStream.WriteAsync(new global::Grpc.Reflection.V1Alpha.ServerReflectionRequest { FileContainingSymbol = symbol }, Token);
        await v1Alpha.RequestStream.CompleteAsync();
        Assert.True(await v1.ResponseStream.MoveNext(Token));
        Assert.True(await v1Alpha.ResponseStream.MoveNext(Token));

        var name = symbol[(symbol.LastIndexOf('.') + 1)..];
        var files = v1.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto.Select(bytes => Google.Protobuf.Reflection.FileDescriptorProto.Parser.ParseFrom(bytes)).ToList();
        Assert.Contains(files, file => file.MessageType.Any(message => message.Name == name));
        Assert.NotEmpty(v1Alpha.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto);
    }

    [Fact]
    public async Task JsonLogs_TimestampsCarryNoStraySpace()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path, settings: new Dictionary<string, string> { ["Logging:Console:FormatterName"] = "json" });

        var json = server.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.Extensions.Logging.Console.JsonConsoleFormatterOptions>>().CurrentValue;
        var simple = server.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.Extensions.Logging.Console.SimpleConsoleFormatterOptions>>().CurrentValue;

        Assert.Equal("yyyy-MM-ddTHH:mm:ss.fffZ", json.TimestampFormat);
        Assert.Equal("yyyy-MM-ddTHH:mm:ss.fffZ ", simple.TimestampFormat);   // the simple formatter keeps its separator
    }

    [Theory]
    [InlineData("")]
    [InlineData("trading.v1.Orders")]
    public async Task Health_IsServingOnceStarted(string service)
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        var health = new Health.HealthClient(server.Channel);

        await Eventually(async () =>
            (await health.CheckAsync(new HealthCheckRequest { Service = service }, cancellationToken: Token)).Status == HealthCheckResponse.Types.ServingStatus.Serving);
    }

    [Fact]
    public async Task ListSymbols_ReturnsTheDefaultSpecs()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);

        var symbols = (await server.MarketData.ListSymbolsAsync(new ListSymbolsRequest(), cancellationToken: Token)).Symbols;

        Assert.Equal(["EURUSD", "GBPUSD", "USDJPY", "XAUUSD", "US500"], symbols.Select(symbol => symbol.Name));
        var eurusd = symbols[0];
        Assert.Equal(5, eurusd.Digits);
        Assert.Equal(0.00001m, eurusd.Point.ToDecimal());
        Assert.Equal(0.01m, eurusd.VolumeStep.ToDecimal());
        Assert.Equal(100_000m, eurusd.ContractSize.ToDecimal());
        Assert.Equal(SymbolTradeMode.Full, eurusd.TradeMode);
        Assert.Equal([OrderFilling.Fok, OrderFilling.Ioc, OrderFilling.Return], eurusd.FillingModes);
        Assert.Equal(0.25m, symbols[4].TickSize.ToDecimal());
    }
}
