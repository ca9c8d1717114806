using Google.Protobuf.Reflection;
using Grpc.Reflection;
using ProtoServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace TradingCore.Hosting;

/// <summary>
/// Server reflection that carries the proto comments. The contract assembly embeds a descriptor set built with
/// source info (see src/Contracts/Contracts.csproj); the reflection services are created from it, so
/// `grpcurl describe` prints the documentation. Registered before AddGrpcReflection, which then keeps these
/// instances instead of building comment-less ones from the generated code.
/// </summary>
internal static class DocumentedReflection
{
    public static IServiceCollection AddDocumentedGrpcReflection(this IServiceCollection services)
    {
        var descriptors = Descriptors();
        var names = descriptors.Select(service => service.FullName).ToList();
        var symbols = Symbols(descriptors);
        services.AddSingleton(new ReflectionServiceImpl(names, symbols));
        services.AddSingleton(new ReflectionV1ServiceImpl(names, symbols));
        services.AddGrpcReflection();
        return services;
    }

    /// <summary>
    /// Every file a reflection client may ask for: the services' files with their imports, and the google.rpc
    /// error-detail types the services attach to errors (BadRequest, RetryInfo, ...), which no service file imports:
    /// without them grpcurl prints "google.rpc.BadRequest is not recognized" instead of the field violations.
    /// </summary>
    public static SymbolRegistry Symbols(IReadOnlyList<ProtoServiceDescriptor> services) =>
        SymbolRegistry.FromFiles([.. services.Select(service => service.File), Google.Rpc.ErrorDetailsReflection.Descriptor, Google.Rpc.StatusReflection.Descriptor]);

    /// <summary>Every service the server exposes, trading.v1 from the documented set, the rest from their generated code.</summary>
    public static IReadOnlyList<ProtoServiceDescriptor> Descriptors() =>
    [
        .. DocumentedContract.Services(),
        global::Grpc.Health.V1.Health.Descriptor,
        global::Grpc.Reflection.V1Alpha.ServerReflection.Descriptor,
        global::Grpc.Reflection.V1.ServerReflection.Descriptor,
    ];
}
