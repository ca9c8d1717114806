namespace TradingCore.Configuration;

/// <summary>Where the HTTP/JSON (gRPC JSON transcoding) routes are served.</summary>
public sealed class HttpJsonOptions
{
    /// <summary>
    /// An http:// or https:// URL to listen on with HTTP/1.1 for curl and other non-gRPC tools; empty disables it.
    /// (Cleartext HTTP/2 needs a port of its own, so the gRPC port cannot also speak HTTP/1.1 without TLS.)
    /// </summary>
    public string Url { get; set; } = "";
}
