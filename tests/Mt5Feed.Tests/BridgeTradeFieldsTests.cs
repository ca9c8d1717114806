using System.Text;
using TradingCore.Engine.Domain;
using TradingCore.Mt5Feed.Bridge;

namespace TradingCore.Mt5Feed.Tests;

/// <summary>Protocol v2's trade frames and the tag that names a core order in MT5's comment.</summary>
public sealed class BridgeTradeFieldsTests
{
    [Theory]
    [InlineData(1UL, "tc:1")]
    [InlineData(36UL, "tc:10")]
    [InlineData(123_456_789UL, "tc:21i3v9")]
    [InlineData(ulong.MaxValue, "tc:3w5e11264sgsf")]
    public void The_tag_is_base_36_within_MT5s_comment_and_reads_back(ulong ticket, string tag)
    {
        Assert.Equal(tag, BridgeTradeFields.Tag(ticket));
        Assert.True(tag.Length <= 31);
        Assert.Equal(ticket, BridgeTradeFields.TicketOfTag(tag));
    }

    [Theory]
    [InlineData("")]
    [InlineData("tc:")]
    [InlineData("sl 1.08412")]
    [InlineData("tc:ABC")]
    [InlineData("tc:zzzzzzzzzzzzzz")]
    public void A_comment_without_a_valid_tag_names_no_order(string comment) => Assert.Equal(0UL, BridgeTradeFields.TicketOfTag(comment));

    [Fact]
    public void A_deal_reads_MT5s_numbers_into_the_engines_and_its_tag()
    {
        var line = """{"type":"deal","deal":990001,"order":880001,"symbol":"EURUSD","deal_type":1,"entry":1,"volume":"0.1","price":"1.08417","position":770001,"profit":"-12.5","commission":"-0.7","reason":4,"magic":7,"comment":"tc:c","time_msc":1785327812476}""";
        Assert.True(BridgeFrameParser.TryParse(Encoding.UTF8.GetBytes(line), out var message, out var error), error);
        var deal = Assert.IsType<BridgeDeal>(message).Deal!;
        Assert.Equal((990001UL, 880001UL, 12UL, false, DealEntry.Out, TradeReason.StopLoss), (deal.Mt5DealTicket, deal.Mt5OrderTicket, deal.OrderTicket, deal.IsBuy, deal.Entry, deal.Reason));
        Assert.Equal((-12.5m, -0.7m, 0m), (deal.Profit, deal.Commission, deal.Swap));
    }

    [Fact]
    public void A_balance_operation_is_read_and_left_out()
    {
        var line = """{"type":"deal","deal":5,"order":0,"symbol":"","deal_type":2,"entry":0,"volume":"0","price":"0","position":0,"reason":0,"magic":0,"time_msc":1785327812476}""";
        Assert.True(BridgeFrameParser.TryParse(Encoding.UTF8.GetBytes(line), out var message, out var error), error);
        Assert.Null(Assert.IsType<BridgeDeal>(message).Deal);
    }
}
