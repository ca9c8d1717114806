using EngineEnums = TradingCore.Engine.Domain;
using WireDecimal = TradingCore.Contracts.V1.Decimal;
using WireEnums = TradingCore.Contracts.V1;

namespace TradingCore.Tests;

/// <summary>The engine and contract enums share numbers by design; the mappers cast. These tests keep that true.</summary>
public sealed class ContractMappingTests
{
    public static TheoryData<Type, Type> EnumPairs => new()
    {
        { typeof(EngineEnums.OrderType), typeof(WireEnums.OrderType) },
        { typeof(EngineEnums.OrderFilling), typeof(WireEnums.OrderFilling) },
        { typeof(EngineEnums.OrderTimeType), typeof(WireEnums.OrderTimeType) },
        { typeof(EngineEnums.OrderState), typeof(WireEnums.OrderState) },
        { typeof(EngineEnums.TradeReason), typeof(WireEnums.TradeReason) },
        { typeof(EngineEnums.DealType), typeof(WireEnums.DealType) },
        { typeof(EngineEnums.DealEntry), typeof(WireEnums.DealEntry) },
        { typeof(EngineEnums.PositionType), typeof(WireEnums.PositionType) },
        { typeof(EngineEnums.MarginMode), typeof(WireEnums.MarginMode) },
        { typeof(EngineEnums.AccountTradingState), typeof(WireEnums.AccountTradingState) },
        { typeof(EngineEnums.TradeRetcode), typeof(WireEnums.TradeRetcode) },
        { typeof(EngineEnums.SymbolTradeMode), typeof(WireEnums.SymbolTradeMode) },
        { typeof(EngineEnums.SymbolExecutionMode), typeof(WireEnums.SymbolExecutionMode) },
        { typeof(EngineEnums.SymbolCalcMode), typeof(WireEnums.SymbolCalcMode) },
    };

    [Theory]
    [MemberData(nameof(EnumPairs))]
    public void EngineEnum_MatchesContractEnumByNumberAndName(Type engine, Type wire)
    {
        var wireByNumber = Enum.GetValues(wire).Cast<object>()
            .Where(value => Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture) != 0)
            .ToDictionary(value => Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture), value => Normalize(value.ToString()!));
        var engineByNumber = Enum.GetValues(engine).Cast<object>()
            .ToDictionary(value => Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture), value => Normalize(value.ToString()!));

        Assert.Equal(wireByNumber.Keys.Order(), engineByNumber.Keys.Order());
        foreach (var (number, name) in engineByNumber)
        {
            Assert.True(Aliases(wireByNumber[number]).Contains(name), $"{engine.Name} {number}: engine {name}, wire {wireByNumber[number]}");
        }
    }

    [Theory]
    [InlineData("1.08412", 1, 84_120_000)]
    [InlineData("-0.5", 0, -500_000_000)]
    [InlineData("123456789.123456789", 123_456_789, 123_456_789)]
    [InlineData("0", 0, 0)]
    public void Decimal_RoundTripsExactly(string text, long units, int nanos)
    {
        var value = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

        var wire = WireDecimal.FromDecimal(value);

        Assert.Equal((units, nanos), (wire.Units, wire.Nanos));
        Assert.True(wire.IsWellFormed);
        Assert.Equal(value, wire.ToDecimal());
    }

    private static string Normalize(string name) => name.Replace("_", "", StringComparison.Ordinal).ToUpperInvariant();

    /// <summary>Names the contract abbreviates as MT5 does (SL, TP, SO, BOC...).</summary>
    private static HashSet<string> Aliases(string wireName) => wireName switch
    {
        "SL" => ["SL", "STOPLOSS"],
        "TP" => ["TP", "TAKEPROFIT"],
        "SO" => ["SO", "STOPOUT"],
        "VMARGIN" => ["VMARGIN", "VARIATIONMARGIN"],
        "SERVERDISABLESAT" => ["SERVERDISABLESAT", "SERVERDISABLESAUTOTRADING"],
        "CLIENTDISABLESAT" => ["CLIENTDISABLESAT", "CLIENTDISABLESAUTOTRADING"],
        "CFDINDEX" => ["CFDINDEX"],
        "EXCHSTOCKS" => ["EXCHSTOCKS", "EXCHANGESTOCKS"],
        "EXCHFUTURES" => ["EXCHFUTURES", "EXCHANGEFUTURES"],
        _ => [wireName],
    };
}
