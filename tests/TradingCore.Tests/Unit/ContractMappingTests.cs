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

    [Fact]
    public void FromDecimal_SplitsExactlyAsTheRoundingFormulaDoes_ForEveryScaleAndMagnitude()
    {
        var random = new Random(77);
        for (var i = 0; i < 200_000; i++)
        {
            // Mantissas from 0 to beyond 64 bits, scales 0-14, both signs: the fast split (≤ 9 decimals, 64-bit
            // mantissa) and the general path must agree everywhere, including -0 and the edges of the fast path.
            var low = random.Next(4) == 0 ? uint.MaxValue - (uint)random.Next(3) : (uint)random.NextInt64(0, uint.MaxValue);
            var mid = random.Next(3) switch { 0 => 0u, 1 => (uint)random.Next(0, 16), _ => (uint)random.NextInt64(0, 0x8000_0000) };
            var high = random.Next(10) == 0 ? (uint)random.Next(0, 3) : 0u;
            var scale = (byte)random.Next(0, 15);
            var value = new decimal((int)low, (int)mid, (int)high, random.Next(2) == 0, scale);

            WireDecimal expected;
            try
            {
                expected = WireDecimal.FromDecimalRounded(value);
            }
            catch (OverflowException)
            {
                Assert.Throws<OverflowException>(() => WireDecimal.FromDecimal(value));
                continue;
            }

            var actual = WireDecimal.FromDecimal(value);
            Assert.True((expected.Units, expected.Nanos) == (actual.Units, actual.Nanos), $"{value}: {actual} instead of {expected}");
        }
    }

    [Theory]
    [InlineData("9223372036854775807", long.MaxValue, 0)]
    [InlineData("-9223372036854775808", long.MinValue, 0)]
    [InlineData("-0.000000000", 0, 0)]
    [InlineData("0.0000000005", 0, 1)]
    [InlineData("-1.9999999995", -2, 0)]
    public void FromDecimal_Edges(string text, long units, int nanos)
    {
        var wire = WireDecimal.FromDecimal(decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal((units, nanos), (wire.Units, wire.Nanos));
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
