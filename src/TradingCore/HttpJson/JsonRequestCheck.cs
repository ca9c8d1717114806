using System.Globalization;
using System.Text.Json;
using Google.Protobuf.Reflection;
using TradingCore.Grpc.Validation;

namespace TradingCore.HttpJson;

/// <summary>
/// Checks an HTTP/JSON request against its protobuf message before the transcoder reads it, so a wrong value is a
/// field violation that names the field in protobuf terms (<c>type: "BUYY" is not a trading.v1.OrderType ...</c>)
/// instead of a parser message about .NET types or no field at all. The rules are the protobuf JSON mapping's, held
/// strictly: a name that is not a field is refused (a misspelt <c>stop_loss</c> must not place an order without
/// one), integers are JSON integers or strings of one in range, enums are value names (or their numbers), and
/// <c>null</c> means "not set".
/// </summary>
internal static class JsonRequestCheck
{
    /// <summary>Checks a JSON value that is to become <paramref name="message"/>; violations name fields from <paramref name="path"/>.</summary>
    public static void Message(MessageDescriptor message, JsonElement json, string path, FieldErrors errors)
    {
        if (json.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (json.ValueKind != JsonValueKind.Object)
        {
            errors.Add(Named(path), $"must be a JSON object ({message.FullName}), not {Kind(json)}");
            return;
        }

        var oneofsSet = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in json.EnumerateObject())
        {
            var field = Find(message, property.Name);
            if (field is null)
            {
                errors.Add(Join(path, property.Name), $"is not a field of {message.FullName}");
                continue;
            }

            var fieldPath = Join(path, field.Name);
            if (property.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (field.RealContainingOneof is { } oneof && !oneofsSet.Add(oneof.Name))
            {
                errors.Add(fieldPath, $"is a second member of the oneof '{oneof.Name}': set only one");
            }

            Field(field, property.Value, fieldPath, errors);
        }
    }

    /// <summary>Checks a query-string or route value (always text) given for the field at <paramref name="fieldPath"/>.</summary>
    public static void Text(FieldDescriptor field, string value, string fieldPath, FieldErrors errors)
    {
        var problem = field.FieldType switch
        {
            FieldType.Message or FieldType.Group => $"is a message ({field.MessageType.FullName}): give its fields (e.g. {field.Name}.{field.MessageType.Fields.InFieldNumberOrder().FirstOrDefault()?.Name})",
            FieldType.Enum => EnumName(field.EnumType, value) is null || IntegerText(value, int.MinValue, int.MaxValue) is null ? null : NotAnEnumValue(field.EnumType, value),
            FieldType.Bool => value is "true" or "false" ? null : $"must be true or false, not \"{value}\"",
            FieldType.String => null,
            FieldType.Bytes => Base64(value),
            FieldType.Float or FieldType.Double => FloatText(value),
            _ => Integer(field.FieldType, value),
        };
        if (problem is not null)
        {
            errors.Add(fieldPath, problem);
        }
    }

    /// <summary>The field at a dotted path of protobuf or JSON names (<c>volume.units</c>), or null.</summary>
    public static FieldDescriptor? Resolve(MessageDescriptor message, string dottedPath, out string protoPath)
    {
        protoPath = "";
        FieldDescriptor? field = null;
        var current = message;
        foreach (var part in dottedPath.Split('.'))
        {
            if (current is null || Find(current, part) is not { } next)
            {
                return null;
            }

            field = next;
            protoPath = Join(protoPath, next.Name);
            current = next.FieldType == FieldType.Message && !next.IsRepeated ? next.MessageType : null;
        }

        return field;
    }

    private static void Field(FieldDescriptor field, JsonElement value, string path, FieldErrors errors)
    {
        if (field.IsMap)
        {
            if (value.ValueKind != JsonValueKind.Object)
            {
                errors.Add(path, $"must be a JSON object (a map), not {Kind(value)}");
                return;
            }

            var valueField = field.MessageType.FindFieldByNumber(2);
            foreach (var entry in value.EnumerateObject())
            {
                Single(valueField, entry.Value, $"{path}[\"{entry.Name}\"]", errors);
            }

            return;
        }

        if (field.IsRepeated)
        {
            if (value.ValueKind != JsonValueKind.Array)
            {
                errors.Add(path, $"is a list: must be a JSON array, not {Kind(value)}");
                return;
            }

            var index = 0;
            foreach (var element in value.EnumerateArray())
            {
                Single(field, element, $"{path}[{index++}]", errors);
            }

            return;
        }

        Single(field, value, path, errors);
    }

    private static void Single(FieldDescriptor field, JsonElement value, string path, FieldErrors errors)
    {
        if (field.FieldType is FieldType.Message or FieldType.Group)
        {
            Message(field.MessageType, value, path, errors);
            return;
        }

        var problem = field.FieldType switch
        {
            FieldType.Enum => value.ValueKind switch
            {
                JsonValueKind.String => EnumName(field.EnumType, value.GetString()!) is null ? null : NotAnEnumValue(field.EnumType, value.GetString()!),
                JsonValueKind.Number => IntegerText(value.GetRawText(), int.MinValue, int.MaxValue) is null ? null : NotAnEnumValue(field.EnumType, value.GetRawText()),
                _ => $"must be a {field.EnumType.FullName} value name (a JSON string), not {Kind(value)}",
            },
            FieldType.Bool => value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : $"must be true or false, not {Kind(value)}",
            FieldType.String => value.ValueKind == JsonValueKind.String ? null : $"must be a JSON string, not {Kind(value)}",
            FieldType.Bytes => value.ValueKind == JsonValueKind.String ? Base64(value.GetString()!) : $"must be base64 in a JSON string, not {Kind(value)}",
            FieldType.Float or FieldType.Double => value.ValueKind switch
            {
                JsonValueKind.Number => null,
                JsonValueKind.String => FloatText(value.GetString()!),
                _ => $"must be a number, not {Kind(value)}",
            },
            _ => value.ValueKind switch
            {
                JsonValueKind.Number => Integer(field.FieldType, value.GetRawText()),
                JsonValueKind.String => Integer(field.FieldType, value.GetString()!),
                _ => $"must be an integer (a JSON number or a string of digits), not {Kind(value)}",
            },
        };
        if (problem is not null)
        {
            errors.Add(path, problem);
        }
    }

    private static FieldDescriptor? Find(MessageDescriptor message, string name) =>
        message.FindFieldByName(name) ?? message.Fields.InDeclarationOrder().FirstOrDefault(field => field.JsonName == name);

    /// <summary>Null when <paramref name="name"/> is a value of the enum; otherwise the problem.</summary>
    private static string? EnumName(EnumDescriptor type, string name) => type.FindValueByName(name) is null ? name : null;

    private static string NotAnEnumValue(EnumDescriptor type, string given)
    {
        var names = type.Values.Where(value => value.Number != 0).Select(value => value.Name).ToList();
        var listed = names.Count <= 12 ? string.Join(", ", names) : string.Join(", ", names.Take(12)) + ", ...";
        return $"\"{given}\" is not a {type.FullName} value; one of {listed}";
    }

    private static string? Integer(FieldType type, string text) => type switch
    {
        FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => IntegerText(text, int.MinValue, int.MaxValue),
        FieldType.UInt32 or FieldType.Fixed32 => IntegerText(text, 0, uint.MaxValue),
        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => IntegerText(text, long.MinValue, long.MaxValue),
        _ => IntegerText(text, 0, ulong.MaxValue),
    };

    /// <summary>Null when <paramref name="text"/> is a plain integer (digits, optional '-') within the range.</summary>
    private static string? IntegerText(string text, decimal min, decimal max)
    {
        var digits = text.StartsWith('-') ? text[1..] : text;
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
        {
            return $"\"{text}\" is not an integer";
        }

        if (digits.Length > 28 || decimal.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) is var number && (number < min || number > max))
        {
            return $"{text} is out of range ({min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)})";
        }

        return null;
    }

    private static string? FloatText(string text) =>
        text is "NaN" or "Infinity" or "-Infinity" || double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            ? null
            : $"\"{text}\" is not a number";

    private static string? Base64(string text)
    {
        var standard = text.Replace('-', '+').Replace('_', '/');
        var padded = standard.PadRight(standard.Length + ((4 - (standard.Length % 4)) % 4), '=');
        return Convert.TryFromBase64String(padded, new byte[padded.Length], out _) ? null : "is not base64";
    }

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{Shorten(value.GetString()!)}\"",
        JsonValueKind.Number => $"the number {Shorten(value.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => "null",
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static string Named(string path) => path.Length == 0 ? "body" : path;
}
