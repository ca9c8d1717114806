using System.Net;
using System.Text.Json;
using Google.Api;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace TradingCore.Tests;

/// <summary>
/// The OpenAPI document the server serves: valid OpenAPI (read by Microsoft.OpenApi, its validation rules on), true
/// to the routes the server really transcodes (every one in it, nothing else), and in the protobuf JSON mapping.
/// </summary>
public sealed class OpenApiDocumentTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheDocument_IsValidOpenApi_AndNeedsNoToken()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        using var http = server.CreateHttpClient();

        using var response = await http.GetAsync("/v1/openapi.json", Token);
        var text = await response.Content.ReadAsStringAsync(Token);
        var read = OpenApiDocument.Parse(text, "json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(read.Document);
        Assert.Empty(read.Diagnostic!.Errors.Select(error => $"{error.Pointer}: {error.Message}"));
        Assert.Equal(OpenApiSpecVersion.OpenApi3_0, read.Diagnostic.SpecificationVersion);
        Assert.Empty(read.Document.Validate(ValidationRuleSet.GetDefaultRuleSet()) ?? []);
    }

    [Fact]
    public async Task EveryTranscodedRoute_IsDocumented_AndNothingElse()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        using var http = server.CreateHttpClient();
        var document = JsonDocument.Parse(await http.GetStringAsync("/v1/openapi.json", Token)).RootElement;

        var served = server.Services.GetRequiredService<IEnumerable<EndpointDataSource>>()
            .SelectMany(source => source.Endpoints)
            .Select(endpoint => endpoint.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>()?.HttpRule)
            .OfType<HttpRule>()
            .Select(rule => rule.PatternCase switch
            {
                HttpRule.PatternOneofCase.Get => $"get {rule.Get}",
                HttpRule.PatternOneofCase.Post => $"post {rule.Post}",
                HttpRule.PatternOneofCase.Patch => $"patch {rule.Patch}",
                HttpRule.PatternOneofCase.Delete => $"delete {rule.Delete}",
                _ => $"{rule.PatternCase} ?",
            })
            .Append("get /v1/health")
            .Order(StringComparer.Ordinal)
            .ToList();
        var documented = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(verb => $"{verb.Name} {path.Name}"))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(served.Count > 20, $"only {served.Count} routes found");
        Assert.Equal(served, documented);
    }

    [Fact]
    public async Task Schemas_FollowTheProtobufJsonMapping_AndCarryTheProtoComments()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        using var http = server.CreateHttpClient();
        var document = JsonDocument.Parse(await http.GetStringAsync("/v1/openapi.json", Token)).RootElement;
        var schemas = document.GetProperty("components").GetProperty("schemas");

        var order = schemas.GetProperty("trading.v1.SubmitOrderRequest").GetProperty("properties");
        Assert.Equal("string", order.GetProperty("accountId").GetProperty("type").GetString());
        Assert.Equal("int64", order.GetProperty("accountId").GetProperty("format").GetString());
        Assert.Equal("uint64", order.GetProperty("magic").GetProperty("format").GetString());
        Assert.Contains("ORDER_TYPE_BUY", order.GetProperty("type").GetProperty("enum").EnumerateArray().Select(value => value.GetString()));
        Assert.Contains("Idempotency key", order.GetProperty("clientOrderId").GetProperty("description").GetString(), StringComparison.Ordinal);
        var submit = document.GetProperty("paths").GetProperty("/v1/accounts/{account_id}/orders").GetProperty("post");
        Assert.Equal("#/components/schemas/google.rpc.Status", submit.GetProperty("responses").GetProperty("default").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        var login = document.GetProperty("paths").GetProperty("/v1/auth/login").GetProperty("post");
        Assert.Equal(0, login.GetProperty("security").GetArrayLength());
    }

    [Fact]
    public async Task EveryDocumentedQueryParameter_IsAcceptedByTheServer()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        using var http = await HttpJsonTests.LoggedInAsync(server);
        var document = JsonDocument.Parse(await http.GetStringAsync("/v1/openapi.json", Token)).RootElement;

        foreach (var path in document.GetProperty("paths").EnumerateObject().Where(path => !path.Name.Contains(":stream", StringComparison.Ordinal)))
        {
            if (!path.Value.TryGetProperty("get", out var get))
            {
                continue;
            }

            var url = path.Name.Replace("{account_id}", "1001", StringComparison.Ordinal).Replace("{symbol}", "EURUSD", StringComparison.Ordinal)
                .Replace("{order_ticket}", "1", StringComparison.Ordinal).Replace("{position_ticket}", "1", StringComparison.Ordinal);
            var query = get.GetProperty("parameters").EnumerateArray()
                .Where(parameter => parameter.GetProperty("in").GetString() == "query")
                .Select(parameter => $"{parameter.GetProperty("name").GetString()}={Sample(parameter.GetProperty("schema"))}");
            using var response = await http.GetAsync($"{url}?{string.Join('&', query)}", Token);
            var body = await response.Content.ReadAsStringAsync(Token);

            Assert.DoesNotContain("is not a field", body, StringComparison.Ordinal);
            Assert.DoesNotContain("no route", body, StringComparison.Ordinal);
            Assert.NotEqual(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        }
    }

    private static string Sample(JsonElement schema) =>
        schema.TryGetProperty("enum", out var values) ? values[1].GetString()!
        : schema.TryGetProperty("items", out var items) ? Sample(items)
        : schema.GetProperty("type").GetString() switch
        {
            "boolean" => "true",
            "integer" => "1",
            "string" when schema.TryGetProperty("format", out _) => "1",
            _ => "EURUSD",
        };
}
