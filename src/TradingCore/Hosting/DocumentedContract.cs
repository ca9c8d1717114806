using Google.Protobuf;
using Google.Protobuf.Reflection;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace TradingCore.Hosting;

/// <summary>
/// The trading.v1 contract with its proto comments: the descriptor set the contract assembly embeds (built with
/// source info, see src/Contracts/Contracts.csproj), read with the google.api.http option known, so both
/// reflection (comments for `grpcurl describe`) and the OpenAPI document (routes and descriptions) come from it.
/// </summary>
internal static class DocumentedContract
{
    private const string Resource = "trading.v1.protoset";

    private static readonly Lazy<IReadOnlyList<FileDescriptor>> Loaded = new(Load);

    /// <summary>The trading.v1 services, in file order.</summary>
    public static IReadOnlyList<ServiceDescriptor> Services() => [.. Loaded.Value.SelectMany(file => file.Services)];

    private static IReadOnlyList<FileDescriptor> Load()
    {
        var assembly = typeof(Contracts.V1.Decimal).Assembly;
        using var stream = assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"the contract assembly has no embedded {Resource}");
        var set = FileDescriptorSet.Parser.ParseFrom(stream);
        return FileDescriptor.BuildFromByteStrings(set.File.Select(file => file.ToByteString()), new ExtensionRegistry { Google.Api.AnnotationsExtensions.Http });
    }
}
