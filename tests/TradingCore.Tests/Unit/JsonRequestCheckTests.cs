using System.Text.Json;
using TradingCore.Grpc.Validation;
using TradingCore.HttpJson;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Tests;

/// <summary>
/// The HTTP/JSON request check on its own: every protobuf JSON kind, strictly, with violations named by protobuf
/// field path and types named by their protobuf names (never a .NET type).
/// </summary>
public sealed class JsonRequestCheckTests
{
    private static List<string> Violations(Google.Protobuf.Reflection.MessageDescriptor message, string json)
    {
        var errors = new FieldErrors();
        using var document = JsonDocument.Parse(json);
        JsonRequestCheck.Message(message, document.RootElement, "", errors);
        var status = errors.ToStatus();
        return status.Details.Count == 0
            ? []
            : [.. status.Details[0].Unpack<Google.Rpc.BadRequest>().FieldViolations.Select(violation => $"{violation.Field}: {violation.Description}")];
    }

    [Fact]
    public void AWellFormedOrder_HasNoViolations_InProtoOrJsonNames()
    {
        var json = """{"account_id":"1001","clientOrderId":"a","symbol":"EURUSD","type":"ORDER_TYPE_BUY","volume":{"units":0,"nanos":100000000},"magic":"18446744073709551615","stop_loss":null}""";

        Assert.Empty(Violations(Wire.SubmitOrderRequest.Descriptor, json));
    }

    [Theory]
    [InlineData("""{"type":"BUYY"}""", "type: \"BUYY\" is not a trading.v1.OrderType value")]
    [InlineData("""{"type":true}""", "type: must be a trading.v1.OrderType value name")]
    [InlineData("""{"volume":{"units":"abc"}}""", "volume.units: \"abc\" is not an integer")]
    [InlineData("""{"volume":{"units":1.5}}""", "volume.units: \"1.5\" is not an integer")]
    [InlineData("""{"volume":{"nanos":2147483648}}""", "volume.nanos: 2147483648 is out of range (-2147483648 to 2147483647)")]
    [InlineData("""{"magic":"-1"}""", "magic: -1 is out of range (0 to 18446744073709551615)")]
    [InlineData("""{"magic":"18446744073709551616"}""", "magic: 18446744073709551616 is out of range")]
    [InlineData("""{"account_id":"99999999999999999999999999999999"}""", "account_id: 99999999999999999999999999999999 is out of range")]
    [InlineData("""{"symbol":7}""", "symbol: must be a JSON string, not the number 7")]
    [InlineData("""{"volume":"0.1"}""", "volume: must be a JSON object (trading.v1.Decimal), not the string \"0.1\"")]
    [InlineData("""{"stoploss":{"units":1}}""", "stoploss: is not a field of trading.v1.SubmitOrderRequest")]
    [InlineData("""{"volume":{"unit":1}}""", "volume.unit: is not a field of trading.v1.Decimal")]
    public void AWrongValue_IsAViolationOfItsField(string json, string expected)
    {
        var violation = Assert.Single(Violations(Wire.SubmitOrderRequest.Descriptor, json));

        Assert.StartsWith(expected, violation, StringComparison.Ordinal);
        Assert.DoesNotContain("TradingCore", violation, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void Lists_AreCheckedElementByElement()
    {
        var violations = Violations(Wire.GetLastTicksRequest.Descriptor, """{"symbols":["EURUSD",5]}""");
        var notAList = Violations(Wire.GetLastTicksRequest.Descriptor, """{"symbols":"EURUSD"}""");

        Assert.Equal(["symbols[1]: must be a JSON string, not the number 5"], violations);
        Assert.StartsWith("symbols: is a list: must be a JSON array", Assert.Single(notAList), StringComparison.Ordinal);
    }

    [Fact]
    public void TwoMembersOfAOneof_AreRefused()
    {
        var violations = Violations(Wire.TradeSessionRequest.Descriptor, """{"request_id":"1","open":{"account_id":"1001"},"cancel":{"account_id":"1001"}}""");

        Assert.Equal(["cancel: is a second member of the oneof 'request': set only one"], violations);
    }

    [Fact]
    public void ANonObjectBody_IsRefusedAsTheBody()
    {
        Assert.Equal(["body: must be a JSON object (trading.v1.SubmitOrderRequest), not an array"], Violations(Wire.SubmitOrderRequest.Descriptor, "[]"));
    }

    [Theory]
    [InlineData("scope", "ORDER_SCOPE_OPEN", true)]
    [InlineData("scope", "1", true)]
    [InlineData("scope", "OPEN", false)]
    [InlineData("account_id", "1001", true)]
    [InlineData("account_id", "10x", false)]
    [InlineData("page_size", "-1", true)]
    public void QueryAndRouteText_IsCheckedByTheFieldsType(string field, string value, bool valid)
    {
        var errors = new FieldErrors();
        var descriptor = JsonRequestCheck.Resolve(Wire.ListOrdersRequest.Descriptor, field, out var path);

        JsonRequestCheck.Text(descriptor!, value, path, errors);

        Assert.Equal(!valid, errors.HasErrors);
    }

    [Fact]
    public void DottedPaths_ResolveThroughMessages_ByProtoOrJsonName()
    {
        var field = JsonRequestCheck.Resolve(Wire.SubmitOrderRequest.Descriptor, "stopLoss.units", out var path);

        Assert.NotNull(field);
        Assert.Equal("stop_loss.units", path);
        Assert.Null(JsonRequestCheck.Resolve(Wire.SubmitOrderRequest.Descriptor, "stop_loss.cents", out _));
    }
}
