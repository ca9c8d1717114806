using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Tests;

/// <summary>Symbol specs for engine tests, written out here so the tests do not depend on the feed's defaults.</summary>
internal static class TestSymbols
{
    public static SymbolSpec EurUsd { get; } = new()
    {
        Name = "EURUSD",
        Digits = 5,
        TickSize = 0.00001m,
        ContractSize = 100_000m,
        VolumeMin = 0.01m,
        VolumeMax = 100m,
        VolumeStep = 0.01m,
        StopsLevel = 10,
        CalcMode = SymbolCalcMode.Forex,
        CurrencyBase = "EUR",
        CurrencyProfit = "USD",
        CurrencyMargin = "EUR",
    };

    public static SymbolSpec UsdJpy { get; } = EurUsd with
    {
        Name = "USDJPY",
        Digits = 3,
        TickSize = 0.001m,
        CurrencyBase = "USD",
        CurrencyProfit = "JPY",
        CurrencyMargin = "USD",
    };

    public static SymbolSpec XauUsd { get; } = new()
    {
        Name = "XAUUSD",
        Digits = 2,
        TickSize = 0.01m,
        ContractSize = 100m,
        VolumeMin = 0.01m,
        VolumeMax = 50m,
        VolumeStep = 0.01m,
        CalcMode = SymbolCalcMode.CfdLeverage,
        CurrencyBase = "XAU",
        CurrencyProfit = "USD",
        CurrencyMargin = "USD",
    };

    public static IReadOnlyList<SymbolSpec> All { get; } = [EurUsd, UsdJpy, XauUsd];
}
