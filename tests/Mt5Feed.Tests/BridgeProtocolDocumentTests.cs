using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TradingCore.Mt5Feed.Bridge;

namespace TradingCore.Mt5Feed.Tests;

/// <summary>
/// docs/mt5-bridge-protocol.md's table of JSON types is the parser's truth: every field it lists, sent with the other
/// JSON type (a number for a string, a string for an integer), is refused naming that field; sent as documented, the
/// frame parses.
/// </summary>
public sealed partial class BridgeProtocolDocumentTests
{
    private static readonly Dictionary<string, string> ValidFrames = new(StringComparer.Ordinal)
    {
        ["hello"] = """{"type":"hello","v":1,"secret":"s3cret-s3cret-s3cret","login":5012345,"server":"Demo","currency":"USD","margin_mode":0,"server_utc_offset_s":7200,"terminal":"MT5","trade_allowed":1}""",
        ["symbol"] = """{"type":"symbol","name":"EURUSD","digits":5,"tick_size":"0.00001","tick_value":"1","contract_size":"100000","volume_min":"0.01","volume_max":"100","volume_step":"0.01","volume_limit":"0","stops_level":0,"freeze_level":0,"trade_mode":4,"exe_mode":2,"filling_mode":3,"expiration_mode":15,"order_mode":127,"calc_mode":0,"currency_base":"EUR","currency_profit":"USD","currency_margin":"EUR","margin_initial":"0","description":"Euro","margin_hedged":"50000","margin_hedged_use_leg":1,"trade_sessions":"Mon 00:05-23:55","quote_sessions":"Mon 00:00-24:00","swap_mode":1,"swap_long":"-7.2","swap_short":"1.5","swap_rollover3days":3}""",
        ["tick"] = """{"type":"tick","symbol":"EURUSD","time_msc":1785327812476,"bid":"1.08412","ask":"1.08415","last":"0","volume":0,"flags":6}""",
        ["heartbeat"] = """{"type":"heartbeat","time_msc":1785327812476}""",
        ["position"] = """{"type":"position","position":770001,"symbol":"EURUSD","position_type":1,"volume":"0.3","price_open":"1.08400","sl":"0","tp":"1.07"}""",
        ["position_update"] = """{"type":"position_update","position":770001,"sl":"1.09","tp":"0"}""",
        ["in_flight"] = """{"type":"in_flight","request_id":12}""",
        ["open_order"] = """{"type":"open_order","order":880100,"comment":"tc:c"}""",
        ["order_state"] = """{"type":"order_state","order":880100,"state":6,"comment":"tc:c"}""",
        ["sync_end"] = """{"type":"sync_end","balance":"10020.50"}""",
        ["trade_state"] = """{"type":"trade_state","trade_allowed":1}""",
        ["order_result"] = """{"type":"order_result","request_id":12,"retcode":10004,"order":0,"comment":"Requote","bid":"1.08440","ask":"1.08443","volume":"0"}""",
        ["deal"] = """{"type":"deal","deal":990001,"order":880001,"symbol":"EURUSD","deal_type":0,"entry":0,"volume":"0.1","price":"1.08417","position":770001,"profit":"0","commission":"-0.7","swap":"0","fee":"0","reason":3,"magic":7,"comment":"tc:c","time_msc":1785327812476}""",
    };

    [GeneratedRegex(@"^\| `(?<message>[a-z_]+)` \| (?<fields>.+?) \| (?<type>integer|string|decimal string) \|$", RegexOptions.Multiline)]
    private static partial Regex Row();

    [GeneratedRegex(@"`(?<field>[a-z_0-9]+)`")]
    private static partial Regex Field();

    public static TheoryData<string, string, string> Documented()
    {
        var text = File.ReadAllText(Path.Combine(Repository.Root, "docs", "mt5-bridge-protocol.md"));
        var table = text[text.IndexOf("### JSON type of every field", StringComparison.Ordinal)..text.IndexOf("### Core → EA", StringComparison.Ordinal)];
        var rows = new TheoryData<string, string, string>();
        foreach (Match row in Row().Matches(table))
        {
            foreach (Match field in Field().Matches(row.Groups["fields"].Value))
            {
                rows.Add(row.Groups["message"].Value, field.Groups["field"].Value, row.Groups["type"].Value);
            }
        }

        return rows;
    }

    [Fact]
    public void TheDocumentedFrames_Parse_AndTheTableListsTheirFields()
    {
        foreach (var (type, frame) in ValidFrames)
        {
            Assert.True(BridgeFrameParser.TryParse(Encoding.UTF8.GetBytes(frame), out _, out var error), $"{type}: {error}");
        }

        var listed = Documented().Select(row => $"{row.Data.Item1}.{row.Data.Item2}").ToHashSet(StringComparer.Ordinal);
        var sent = ValidFrames.SelectMany(frame => JsonNode.Parse(frame.Value)!.AsObject().Select(property => $"{frame.Key}.{property.Key}")).Where(name => !name.EndsWith(".type", StringComparison.Ordinal));
        Assert.DoesNotContain(sent, name => !listed.Contains(name));
    }

    [Theory]
    [MemberData(nameof(Documented))]
    public void AFieldWithTheOtherJsonType_IsRefusedNamingIt(string message, string field, string type)
    {
        var frame = JsonNode.Parse(ValidFrames[message])!.AsObject();
        frame[field] = type == "integer" ? JsonValue.Create("1") : JsonValue.Create(1);

        Assert.False(BridgeFrameParser.TryParse(Encoding.UTF8.GetBytes(frame.ToJsonString()), out _, out var error));
        Assert.StartsWith($"{field}: ", error, StringComparison.Ordinal);
    }
}
