using System.Text;
using TradingCore.Engine.Domain;
using TradingCore.Mt5Feed.Bridge;

namespace TradingCore.Mt5Feed.Tests;

public sealed class BridgeFrameParserTests
{
    private static BridgeMessage Parse(string line)
    {
        Assert.True(BridgeFrameParser.TryParse(Encoding.UTF8.GetBytes(line), out var message, out var error), error);
        return message!;
    }

    private static string Error(string line)
    {
        Assert.False(BridgeFrameParser.TryParse(Encoding.UTF8.GetBytes(line), out _, out var error));
        return error!;
    }

    [Fact]
    public void Tick_IsReadExactly()
    {
        var tick = Assert.IsType<BridgeTick>(Parse("""{"type":"tick","symbol":"EURUSD","time_msc":1785327812476,"bid":"1.08412","ask":"1.08415","last":"0","volume":0,"flags":6,"extra":[1,2]}"""));

        Assert.Equal(new BridgeTick("EURUSD", 1785327812476, 1.08412m, 1.08415m, 0m, 0m, 6), tick);
    }

    [Fact]
    public void Hello_IsRead()
    {
        var hello = Assert.IsType<BridgeHello>(Parse("""{"type":"hello","v":1,"secret":"s3cret-s3cret-s3cret","login":5012345,"server":"Broker-Demo","currency":"USD","margin_mode":2,"server_utc_offset_s":7200}"""));

        Assert.Equal((1, 5012345L, 2, 7200), (hello.Version, hello.Login, hello.MarginMode, hello.ServerUtcOffsetSeconds));
    }

    [Fact]
    public void Symbol_MapsMt5EnumsAndMasks()
    {
        var spec = Assert.IsType<BridgeSymbol>(Parse("""{"type":"symbol","name":"XAUUSD.vx","digits":2,"tick_size":"0.01","tick_value":"1","contract_size":"100","volume_min":"0.01","volume_max":"50","volume_step":"0.01","volume_limit":"0","stops_level":20,"freeze_level":5,"trade_mode":3,"exe_mode":2,"filling_mode":3,"expiration_mode":15,"order_mode":127,"calc_mode":4,"currency_base":"XAU","currency_profit":"USD","currency_margin":"USD","margin_initial":"0"}""")).Spec;

        Assert.Equal("XAUUSD.vx", spec.Name);
        Assert.Equal(SymbolTradeMode.CloseOnly, spec.TradeMode);          // MT5 3
        Assert.Equal(SymbolExecutionMode.Market, spec.ExecutionMode);     // MT5 2
        Assert.Equal(FillingModes.Fok | FillingModes.Ioc, spec.FillingModes);
        Assert.Equal(SymbolCalcMode.CfdLeverage, spec.CalcMode);          // MT5 4
        Assert.Equal((20, 5, 100m), (spec.StopsLevel, spec.FreezeLevel, spec.ContractSize));
        Assert.Equal((null, false), (spec.MarginHedged, spec.MarginHedgedUseLeg)); // an EA that does not send them
    }

    [Fact]
    public void Symbol_HedgedMarginSessionAndSwapProperties_AreRead()
    {
        var spec = Assert.IsType<BridgeSymbol>(Parse("""{"type":"symbol","name":"EURUSD","digits":5,"tick_size":"0.00001","tick_value":"1","contract_size":"100000","volume_min":"0.01","volume_max":"100","volume_step":"0.01","volume_limit":"0","stops_level":0,"freeze_level":0,"trade_mode":4,"exe_mode":2,"filling_mode":3,"expiration_mode":15,"order_mode":127,"calc_mode":0,"currency_base":"EUR","currency_profit":"USD","currency_margin":"EUR","margin_initial":"0","margin_hedged":"50000.00000000","margin_hedged_use_leg":1,"trade_sessions":"Mon 00:05-23:55","quote_sessions":"Mon 00:00-24:00","swap_mode":1,"swap_long":"-7.20000000","swap_short":"1.50000000","swap_rollover3days":5}""")).Spec;

        Assert.Equal((50_000m, true), (spec.MarginHedged, spec.MarginHedgedUseLeg));
        Assert.Equal(("Mon 00:05-23:55", "Mon 00:00-24:00"), (spec.TradeSessions, spec.QuoteSessions));
        Assert.Equal((SwapMode.Points, -7.2m, 1.5m, DayOfWeek.Friday), (spec.SwapMode, spec.SwapLong, spec.SwapShort, spec.SwapRollover3Days));
    }

    [Theory]
    [InlineData("""{"type":"tick","symbol":"EURUSD","time_msc":1785327812476,"ask":"1.1","last":"0","volume":0,"flags":6}""", "bid")]
    [InlineData("""{"type":"tick","symbol":"EURUSD","time_msc":1785327812476,"bid":"1.2","ask":"1.1","last":"0","volume":0,"flags":6}""", "ask")]
    [InlineData("""{"type":"tick","symbol":"EURUSD","time_msc":1785327812476,"bid":"1,1","ask":"1.2","last":"0","volume":0,"flags":6}""", "bid")]
    [InlineData("""{"type":"tick","symbol":"EURUSD","time_msc":1785327812,"bid":"1.1","ask":"1.2","last":"0","volume":0,"flags":6}""", "time_msc")]
    [InlineData("""{"type":"tick","symbol":"EURUSD","time_msc":1785327812476,"bid":"-1.1","ask":"1.2","last":"0","volume":0,"flags":6}""", "bid")]
    [InlineData("""{"type":"tick","symbol":"EURUSD","time_msc":"soon","bid":"1.1","ask":"1.2","last":"0","volume":0,"flags":6}""", "time_msc")]
    [InlineData("""{"type":"launch"}""", "type")]
    [InlineData("""{"v":1}""", "type")]
    [InlineData("""not json""", "JSON")]
    [InlineData("""[1,2]""", "object")]
    [InlineData("""{"type":"heartbeat","time_msc":1785327812476} {}""", "JSON")]
    [InlineData("""{"type":"symbol","name":"X","digits":2,"tick_size":"0.01","tick_value":"1","contract_size":"1","volume_min":"1","volume_max":"1","volume_step":"1","volume_limit":"0","stops_level":0,"freeze_level":0,"trade_mode":4,"exe_mode":2,"filling_mode":1,"expiration_mode":1,"order_mode":1,"calc_mode":34,"currency_base":"A","currency_profit":"B","currency_margin":"C","margin_initial":"0"}""", "calc_mode")]
    [InlineData("""{"type":"symbol","name":"X","digits":2,"tick_size":"0.01","tick_value":"1","contract_size":"1","volume_min":"1","volume_max":"1","volume_step":"1","volume_limit":"0","stops_level":0,"freeze_level":0,"trade_mode":4,"exe_mode":2,"filling_mode":1,"expiration_mode":1,"order_mode":1,"calc_mode":0,"currency_base":"A","currency_profit":"B","currency_margin":"C","margin_initial":"0","swap_mode":10}""", "swap_mode")]
    public void Malformed_IsRefusedNamingTheField(string line, string field)
    {
        Assert.Contains(field, Error(line), StringComparison.Ordinal);
    }
}
