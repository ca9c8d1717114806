using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Api;
using Google.Protobuf.Reflection;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using TradingCore.Hosting;

namespace TradingCore.HttpJson;

/// <summary>
/// The OpenAPI 3.0 document of the HTTP/JSON routes, generated from the protos and nothing else: each method's
/// <c>google.api.http</c> rule gives its path, verb, path and query parameters and body; the messages give the
/// schemas in the protobuf JSON mapping (64-bit integers as strings, enums as their names, JSON field names); the
/// proto comments give the descriptions. Served at <see cref="Path"/> without a token, like health.
/// </summary>
internal static class OpenApiDescription
{
    /// <summary>Where the document is served.</summary>
    public const string Path = "/v1/openapi.json";

    private const string StatusSchema = "google.rpc.Status";

    private static readonly Lazy<string> Document = new(() => Generate(DocumentedContract.Services()));

    /// <summary>The document as JSON text (generated once).</summary>
    public static string Text => Document.Value;

    /// <summary>The document of <paramref name="services"/>' methods that carry an HTTP rule.</summary>
    public static string Generate(IEnumerable<ServiceDescriptor> services)
    {
        var schemas = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        var paths = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var service in services)
        {
            foreach (var method in service.Methods)
            {
                if (method.GetOptions()?.GetExtension(AnnotationsExtensions.Http) is not { } rule || Route(rule) is not (var verb, var template))
                {
                    continue;
                }

                var path = paths.TryGetValue(template, out var existing) ? existing : paths[template] = [];
                path[verb] = Operation(service, method, rule, template, verb, schemas);
            }
        }

        schemas[StatusSchema] = StatusObject();
        var document = new JsonObject
        {
            ["openapi"] = "3.0.3",
            ["info"] = new JsonObject
            {
                ["title"] = "Trading Core HTTP/JSON API",
                ["version"] = "v1",
                ["description"] = "gRPC JSON transcoding of the trading.v1 services (generated from protos/trading/v1). "
                    + "64-bit integers are JSON strings; enums are their value names; Decimals are {units, nanos}; errors are google.rpc.Status. "
                    + "Send 'authorization: Bearer <token>' from POST /v1/auth/login.",
            },
            ["paths"] = new JsonObject(paths.Select(entry => KeyValuePair.Create(entry.Key, (JsonNode?)entry.Value))),
            ["components"] = new JsonObject
            {
                ["securitySchemes"] = new JsonObject { ["bearer"] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer", ["bearerFormat"] = "JWT" } },
                ["schemas"] = new JsonObject(schemas.Select(entry => KeyValuePair.Create(entry.Key, (JsonNode?)entry.Value))),
            },
            ["security"] = new JsonArray(new JsonObject { ["bearer"] = new JsonArray() }),
        };
        AddHealth(document["paths"]!.AsObject());
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static (string Verb, string Template)? Route(HttpRule rule) => rule.PatternCase switch
    {
        HttpRule.PatternOneofCase.Get => ("get", rule.Get),
        HttpRule.PatternOneofCase.Post => ("post", rule.Post),
        HttpRule.PatternOneofCase.Put => ("put", rule.Put),
        HttpRule.PatternOneofCase.Patch => ("patch", rule.Patch),
        HttpRule.PatternOneofCase.Delete => ("delete", rule.Delete),
        _ => null,
    };

    private static JsonObject Operation(ServiceDescriptor service, MethodDescriptor method, HttpRule rule, string template, string verb, IDictionary<string, JsonObject> schemas)
    {
        var comment = Comment(method.Declaration);
        var pathFields = PathVariables(template).ToHashSet(StringComparer.Ordinal);
        var parameters = new JsonArray();
        foreach (var variable in pathFields)
        {
            var field = JsonRequestCheck.Resolve(method.InputType, variable, out _)
                ?? throw new InvalidOperationException($"{method.FullName}: the path variable {variable} is not a field of {method.InputType.FullName}");
            parameters.Add(Parameter(variable, "path", field, required: true, schemas));
        }

        if (rule.Body.Length == 0)
        {
            foreach (var (name, field) in QueryFields(method.InputType, "", pathFields))
            {
                parameters.Add(Parameter(name, "query", field, required: false, schemas));
            }
        }

        var streaming = method.IsServerStreaming;
        var operation = new JsonObject
        {
            ["operationId"] = $"{service.Name}_{method.Name}",
            ["tags"] = new JsonArray(service.Name),
            ["summary"] = FirstSentence(comment) ?? method.Name,
            ["description"] = $"{comment}{(comment.Length > 0 ? "\n\n" : "")}gRPC: {method.FullName}"
                + (streaming ? "\n\nThe response is newline-delimited JSON: one message per line as they happen." : ""),
            ["parameters"] = parameters,
            ["responses"] = new JsonObject
            {
                ["200"] = new JsonObject
                {
                    ["description"] = streaming ? $"A stream of {method.OutputType.FullName}, one JSON object per line" : method.OutputType.FullName,
                    ["content"] = JsonContent(Ref(method.OutputType, schemas)),
                },
                ["default"] = new JsonObject
                {
                    ["description"] = "An error: the gRPC status mapped to HTTP (400, 401, 403, 404, 409, 429, 503, ...)",
                    ["content"] = JsonContent(new JsonObject { ["$ref"] = $"#/components/schemas/{StatusSchema}" }),
                },
            },
        };
        if (rule.Body.Length > 0)
        {
            var bodyType = rule.Body == "*" ? method.InputType : JsonRequestCheck.Resolve(method.InputType, rule.Body, out _)!.MessageType;
            var hasFields = bodyType.Fields.InDeclarationOrder().Any(field => !pathFields.Contains(field.Name));
            operation["requestBody"] = new JsonObject
            {
                ["required"] = false,
                ["description"] = hasFields ? $"{bodyType.FullName} (path values win over the same fields in the body)" : "no body",
                ["content"] = JsonContent(Ref(bodyType, schemas)),
            };
        }

        if (method.Service.Name == "Auth" && method.Name == "Login" || method.Service.Name == "Accounts" && method.Name == "LocateAccount")
        {
            operation["security"] = new JsonArray();
        }

        return operation;
    }

    private static JsonObject JsonContent(JsonNode schema) => new() { ["application/json"] = new JsonObject { ["schema"] = schema } };

    private static IEnumerable<string> PathVariables(string template)
    {
        for (var start = template.IndexOf('{', StringComparison.Ordinal); start >= 0; start = template.IndexOf('{', start + 1))
        {
            var end = template.IndexOf('}', start);
            yield return template[(start + 1)..end].Split('=')[0];
        }
    }

    /// <summary>Every scalar, enum or repeated scalar field not bound to the path, nested messages flattened as a.b.</summary>
    private static IEnumerable<(string Name, FieldDescriptor Field)> QueryFields(MessageDescriptor message, string prefix, HashSet<string> pathFields)
    {
        foreach (var field in message.Fields.InDeclarationOrder())
        {
            var name = prefix + field.Name;
            if (pathFields.Contains(name))
            {
                continue;
            }

            if (field.FieldType == FieldType.Message)
            {
                if (!field.IsRepeated && prefix.Count(c => c == '.') < 3)
                {
                    foreach (var nested in QueryFields(field.MessageType, name + ".", pathFields))
                    {
                        yield return nested;
                    }
                }

                continue;
            }

            yield return (name, field);
        }
    }

    private static JsonObject Parameter(string name, string location, FieldDescriptor field, bool required, IDictionary<string, JsonObject> schemas)
    {
        var parameter = new JsonObject
        {
            ["name"] = name,
            ["in"] = location,
            ["required"] = required,
            ["schema"] = FieldSchema(field, schemas),
        };
        if (Comment(field.Declaration) is { Length: > 0 } comment)
        {
            parameter["description"] = comment;
        }

        if (field.IsRepeated)
        {
            parameter["style"] = "form";
            parameter["explode"] = true;
        }

        return parameter;
    }

    private static JsonObject Ref(MessageDescriptor message, IDictionary<string, JsonObject> schemas)
    {
        if (!schemas.ContainsKey(message.FullName))
        {
            // The name is reserved before the schema is built, so a message that refers to itself (directly or through
            // others) ends in a $ref to it instead of endless recursion; the built schema then replaces the reservation.
            schemas[message.FullName] = [];
            schemas[message.FullName] = MessageSchema(message, schemas);
        }

        return new JsonObject { ["$ref"] = $"#/components/schemas/{message.FullName}" };
    }

    private static JsonObject MessageSchema(MessageDescriptor message, IDictionary<string, JsonObject> schemas)
    {
        var properties = new JsonObject();
        foreach (var field in message.Fields.InDeclarationOrder())
        {
            var schema = FieldSchema(field, schemas);
            var comment = Comment(field.Declaration);
            if (field.RealContainingOneof is { } oneof)
            {
                comment = $"{comment}{(comment.Length > 0 ? " " : "")}(one of '{oneof.Name}': {string.Join(", ", oneof.Fields.Select(member => member.JsonName))}; set at most one)";
            }

            if (comment.Length > 0)
            {
                schema = schema.ContainsKey("$ref")
                    ? new JsonObject { ["allOf"] = new JsonArray(schema), ["description"] = comment }
                    : With(schema, "description", comment);
            }

            properties[field.JsonName] = schema;
        }

        var result = new JsonObject { ["type"] = "object", ["properties"] = properties };
        if (Comment(message.Declaration) is { Length: > 0 } description)
        {
            result["description"] = description;
        }

        return result;
    }

    private static JsonObject FieldSchema(FieldDescriptor field, IDictionary<string, JsonObject> schemas)
    {
        if (field.IsMap)
        {
            return new JsonObject { ["type"] = "object", ["additionalProperties"] = FieldSchema(field.MessageType.FindFieldByNumber(2), schemas) };
        }

        var single = field.FieldType switch
        {
            FieldType.Message or FieldType.Group => Ref(field.MessageType, schemas),
            FieldType.Enum => EnumSchema(field.EnumType),
            FieldType.Bool => Type("boolean"),
            FieldType.String => Type("string"),
            FieldType.Bytes => With(Type("string"), "format", "byte"),
            FieldType.Double => With(Type("number"), "format", "double"),
            FieldType.Float => With(Type("number"), "format", "float"),
            FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => With(Type("integer"), "format", "int32"),
            FieldType.UInt32 or FieldType.Fixed32 => With(With(Type("integer"), "format", "int64"), "minimum", 0),
            FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => With(Type("string"), "format", "int64"),
            _ => With(Type("string"), "format", "uint64"),
        };
        return field.IsRepeated ? new JsonObject { ["type"] = "array", ["items"] = single } : single;
    }

    private static JsonObject EnumSchema(EnumDescriptor type) => new()
    {
        ["type"] = "string",
        ["enum"] = new JsonArray([.. type.Values.Select(value => (JsonNode?)JsonValue.Create(value.Name))]),
        ["description"] = $"{type.FullName}{(Comment(type.Declaration) is { Length: > 0 } comment ? ": " + comment : "")} (the value's number is accepted too)",
    };

    /// <summary>google.rpc.Status as the HTTP/JSON errors carry it (details are Any with their @type).</summary>
    private static JsonObject StatusObject() => new()
    {
        ["type"] = "object",
        ["description"] = "The error body of every HTTP/JSON error. details holds google.rpc.BadRequest (fieldViolations) or google.rpc.RetryInfo (retryDelay).",
        ["properties"] = new JsonObject
        {
            ["code"] = With(With(Type("integer"), "format", "int32"), "description", "The gRPC status code (3 INVALID_ARGUMENT, 5 NOT_FOUND, 16 UNAUTHENTICATED, ...)"),
            ["message"] = Type("string"),
            ["details"] = new JsonObject
            {
                ["type"] = "array",
                ["items"] = new JsonObject
                {
                    ["type"] = "object",
                    ["properties"] = new JsonObject { ["@type"] = Type("string") },
                    ["additionalProperties"] = true,
                },
            },
        },
    };

    /// <summary>The one route that is not a transcoded method: grpc.health.v1 for HTTP tools.</summary>
    private static void AddHealth(JsonObject paths)
    {
        var status = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["service"] = Type("string"),
                ["status"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("SERVING", "NOT_SERVING") },
            },
        };
        paths[Hosting.ServiceCollectionExtensions.HealthPath] = new JsonObject
        {
            ["get"] = new JsonObject
            {
                ["operationId"] = "Health_Check",
                ["tags"] = new JsonArray("Health"),
                ["summary"] = "grpc.health.v1.Health/Check for HTTP tools; open during recovery, no token.",
                ["security"] = new JsonArray(),
                ["parameters"] = new JsonArray(new JsonObject
                {
                    ["name"] = "service",
                    ["in"] = "query",
                    ["required"] = false,
                    ["description"] = "A service name (e.g. trading.v1.Orders); empty = the whole core.",
                    ["schema"] = Type("string"),
                }),
                ["responses"] = new JsonObject
                {
                    ["200"] = new JsonObject { ["description"] = "SERVING", ["content"] = JsonContent(status.DeepClone()) },
                    ["503"] = new JsonObject { ["description"] = "NOT_SERVING", ["content"] = JsonContent(status.DeepClone()) },
                    ["404"] = new JsonObject { ["description"] = "no such service", ["content"] = JsonContent(new JsonObject { ["$ref"] = $"#/components/schemas/{StatusSchema}" }) },
                },
            },
        };
    }

    private static JsonObject Type(string type) => new() { ["type"] = type };

    private static JsonObject With(JsonObject schema, string key, JsonNode value)
    {
        schema[key] = value;
        return schema;
    }

    private static string Comment(DescriptorDeclaration? declaration) =>
        string.Join(' ', (declaration?.LeadingComments ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    private static string? FirstSentence(string comment) =>
        comment.Length == 0 ? null : comment.IndexOf(". ", StringComparison.Ordinal) is var end and > 0 ? comment[..(end + 1)] : comment;
}
